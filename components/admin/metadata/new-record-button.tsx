'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormModal } from '@/components/ui/form-modal';
import { SelectField } from '@/components/ui/select-field';
import { useToast } from '@/components/ui/toast';
import { PlusIcon } from '@/components/passkey/icons';
import { GLOBAL_SCOPE, ZMetadataRecordCreate } from '@/lib/metadata/metadata-record-schema';
import { FormError, useZodForm, type TZodForm } from '../form';
import { metadataApi } from './metadata-api';
import { RecordFields, type TRecordFieldValues } from './record-fields';

import type { TCommunityChoice } from './community-choices';

/** "New record": where it applies (a community, or service-wide for system admins), AAGUID, name, icons, metadata. */
export function NewRecordButton({ communities, canCreateGlobal }: { communities: TCommunityChoice[]; canCreateGlobal: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const choices = [...(canCreateGlobal ? [{ value: GLOBAL_SCOPE, label: 'All communities (service-wide)' }] : []), ...communities.map((c) => ({ value: c.id, label: c.label }))];
  const initialValues = { communityId: choices.length === 1 ? choices[0]!.value : '', aaguid: '', name: '', iconLight: '', iconDark: '', metadata: '' };
  const form = useZodForm({
    id: 'new-record',
    schema: ZMetadataRecordCreate,
    initialValues,
    onSubmit: async (values) => {
      const { record } = await metadataApi.createRecord(values);
      setOpen(false);
      form.reset(initialValues);
      toast(`${record.name} was added.`);
      router.refresh();
    },
  });
  const close = () => {
    setOpen(false);
    form.reset(initialValues);
  };
  if (choices.length === 0) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          New record
        </span>
      </Button>
      <FormModal
        open={open}
        size="lg"
        title="New vendor metadata record"
        description="Names and icons of an authenticator model, by AAGUID. New passkeys of the model get this name."
        onClose={close}
        formId="new-record-form"
        submitLabel="Create record"
        submitting={form.submitting}
      >
        <form id="new-record-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the record" />
          <SelectField {...form.field('communityId')} label="Applies to" placeholder="Choose…" options={choices} />
          <TextField {...form.field('aaguid')} label="AAGUID" hint="The authenticator model's identifier, e.g. cb69481e-8ff7-4039-93ec-0a2729a154a8." autoComplete="off" spellCheck={false} />
          <RecordFields form={form as unknown as TZodForm<TRecordFieldValues & Record<string, unknown>>} />
        </form>
      </FormModal>
    </>
  );
}
