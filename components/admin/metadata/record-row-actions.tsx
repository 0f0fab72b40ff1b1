'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormModal } from '@/components/ui/form-modal';
import { useToast } from '@/components/ui/toast';
import type { TMetadataRecordDto } from '@/lib/metadata/metadata-record';
import { ZMetadataRecordUpdate } from '@/lib/metadata/metadata-record-schema';
import { ApiError, goToSignIn } from '../api';
import { describeRequestError, FormError, useZodForm, type TZodForm } from '../form';
import { metadataApi } from './metadata-api';
import { RecordFields, type TRecordFieldValues } from './record-fields';

/** "Edit" and "Disable" / "Enable" for one record of the list. */
export function RecordRowActions({ record }: { record: TMetadataRecordDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const [editing, setEditing] = useState(false);
  const [loading, setLoading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const empty = { name: record.name, iconLight: record.iconLight ?? '', iconDark: record.iconDark ?? '', metadata: '' };

  const form = useZodForm({
    id: `record-${record.id}`,
    schema: ZMetadataRecordUpdate,
    initialValues: empty,
    onSubmit: async (values) => {
      const { record: saved } = await metadataApi.updateRecord(record.id, values);
      setEditing(false);
      toast(`${saved.name} was saved.`);
      router.refresh();
    },
  });

  async function openEditor() {
    setLoading(true);
    try {
      const { record: full } = await metadataApi.record(record.id);
      form.reset({ name: full.name, iconLight: full.iconLight ?? '', iconDark: full.iconDark ?? '', metadata: full.metadata });
      setEditing(true);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      toast(describeRequestError(e), 'error');
      router.refresh();
    } finally {
      setLoading(false);
    }
  }

  async function setDisabled(disabled: boolean) {
    setBusy(true);
    setError(undefined);
    try {
      await metadataApi.updateRecord(record.id, { disabled });
      setConfirming(false);
      toast(disabled ? `${record.name} is disabled: new passkeys are no longer named by it.` : `${record.name} is enabled again.`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      setError(describeRequestError(e));
      if (!disabled) toast(describeRequestError(e), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap gap-2 xl:flex-nowrap xl:justify-end">
      <Button size="sm" variant="secondary" busy={loading} busyLabel="Opening…" onClick={() => void openEditor()}>
        Edit<span className="sr-only"> {record.name}</span>
      </Button>
      {record.disabled ? (
        <Button size="sm" variant="secondary" busy={busy} busyLabel="Enabling…" onClick={() => void setDisabled(false)}>
          Enable<span className="sr-only"> {record.name}</span>
        </Button>
      ) : (
        <Button
          size="sm"
          variant="danger-secondary"
          onClick={() => {
            setError(undefined);
            setConfirming(true);
          }}
        >
          Disable<span className="sr-only"> {record.name}</span>
        </Button>
      )}

      <FormModal
        open={editing}
        size="lg"
        title={`Edit ${record.name}`}
        description={<span className="font-mono text-sm break-all">{record.aaguid}</span>}
        onClose={() => setEditing(false)}
        formId={`record-form-${record.id}`}
        submitLabel="Save record"
        submitting={form.submitting}
      >
        <form id={`record-form-${record.id}`} noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't save the record" />
          <RecordFields form={form as unknown as TZodForm<TRecordFieldValues & Record<string, unknown>>} />
        </form>
      </FormModal>

      <ConfirmDialog
        open={confirming}
        title={`Disable ${record.name}?`}
        confirmLabel="Disable record"
        tone="danger"
        busy={busy}
        busyLabel="Disabling…"
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void setDisabled(true)}
      >
        <p>
          New passkeys of this model ({record.aaguid}) will no longer get its name and icon{record.community ? ` in ${record.community.name}` : ''}. Existing passkeys keep their names. You can enable it again at any time.
        </p>
      </ConfirmDialog>
    </div>
  );
}
