'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormModal } from '@/components/ui/form-modal';
import { SelectField } from '@/components/ui/select-field';
import { useToast } from '@/components/ui/toast';
import { PlusIcon } from '@/components/passkey/icons';
import { ZApplicationCreate } from '@/lib/applications/application-schemas';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import { FormError, useZodForm } from '../form';
import { tenancyApi } from '../tenancy/tenancy-api';
import { ApplicationFields } from './application-fields';

/** "New application": community, name, origins, sign-up and token lifetime; opens the new application. */
export function NewApplicationButton({ scope }: { scope: TScopeOptions }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const communities = scope.tenants.flatMap((t) => t.communities.map((c) => ({ value: c.id, label: scope.tenants.length > 1 ? `${t.name} / ${c.name}` : c.name })));
  const initialValues = { communityId: communities.length === 1 ? communities[0]!.value : '', name: '', origins: [] as string[], allowSignUp: true, tokenTtlSeconds: '3600' };
  const form = useZodForm({
    id: 'new-app',
    schema: ZApplicationCreate,
    initialValues,
    onSubmit: async (values) => {
      const { application } = await tenancyApi.createApplication(values);
      setOpen(false);
      toast(`Application ${application.name} created. Create an API key for its back end next.`);
      router.push(`/admin/applications/${application.id}`);
    },
  });
  return (
    <>
      <Button
        onClick={() => {
          form.reset(initialValues);
          setOpen(true);
        }}
        disabled={communities.length === 0}
      >
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          New application
        </span>
      </Button>
      <FormModal
        open={open}
        size="lg"
        title="New application"
        description="An application of the FIDO2 API 2.0: its pages call Latchkey with its id (app.id), its back end with an API key."
        onClose={() => setOpen(false)}
        formId="new-app-form"
        submitLabel="Create application"
        busyLabel="Creating…"
        submitting={form.submitting}
      >
        <form id="new-app-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the application" />
          <SelectField {...form.field('communityId')} label="Community" placeholder="Choose a community…" options={communities} />
          <ApplicationFields form={form} />
        </form>
      </FormModal>
    </>
  );
}
