'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { TextField } from '@/components/ui/field';
import { FormModal } from '@/components/ui/form-modal';
import { SecretPanel } from '@/components/ui/secret-panel';
import { PlusIcon } from '@/components/passkey/icons';
import type { TApiKeyDto } from '@/lib/apikeys/api-key';
import { ZApplicationKeyCreate } from '@/lib/applications/application-schemas';
import { FormError, useZodForm } from '../form';
import { KeyIcon } from '../icons';
import { tenancyApi } from '../tenancy/tenancy-api';
import { useAdminAction } from '../use-admin-action';

const DATE_TIME = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const when = (iso: string | null) => (iso ? `${DATE_TIME.format(new Date(iso))} UTC` : 'Never');

/**
 * The management API keys of an application: listed by prefix and label, created with the secret
 * shown once (SecretPanel), revoked after a confirmation.
 */
export function ApplicationKeys({ applicationId, keys }: { applicationId: string; keys: TApiKeyDto[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string>();
  const [target, setTarget] = useState<TApiKeyDto | null>(null);
  const { busy, error, clearError, run } = useAdminAction();
  const form = useZodForm({
    id: 'new-key',
    schema: ZApplicationKeyCreate,
    initialValues: { label: '' },
    onSubmit: async (values) => {
      const { key } = await tenancyApi.createApplicationKey(applicationId, values.label ? values : {});
      setCreated(key);
      router.refresh();
    },
  });
  const close = () => {
    setCreating(false);
    setCreated(undefined);
    form.reset();
  };

  async function revoke() {
    if (!target) return;
    await run(() => tenancyApi.revokeApplicationKey(applicationId, target.id), { success: `Key ${target.keyPrefix}… revoked: it stops working at once.`, onDone: () => setTarget(null) });
  }

  return (
    <div className="space-y-4">
      <Button onClick={() => setCreating(true)}>
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          Create API key
        </span>
      </Button>
      {keys.length === 0 ? (
        <EmptyState icon={<KeyIcon className="h-6 w-6" />} title="No API keys yet">
          The application&apos;s back end calls the management API with a key (HTTP Basic, the key as user name).
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200">
          {keys.map((k) => (
            <li key={k.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center" data-testid="api-key">
              <div className="min-w-0 flex-1">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                  <span className="font-mono">{k.keyPrefix}…</span>
                  {k.label ? <span>{k.label}</span> : null}
                  {k.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge>Revoked</Badge>}
                </p>
                <p className="mt-0.5 text-sm text-slate-600">
                  Created {when(k.createdAt)} · last used {when(k.lastUsedAt)}
                  {k.revokedAt ? ` · revoked ${when(k.revokedAt)}` : ''}
                </p>
              </div>
              {k.status === 'active' ? (
                <Button
                  size="sm"
                  variant="danger-secondary"
                  className="self-start sm:self-auto"
                  onClick={() => {
                    clearError();
                    setTarget(k);
                  }}
                >
                  Revoke<span className="sr-only"> key {k.keyPrefix}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <FormModal
        open={creating}
        title={created ? 'API key created' : 'Create an API key'}
        description={created ? undefined : 'For the application’s back end. The key is shown once, right after it is created.'}
        onClose={close}
        formId="new-key-form"
        submitLabel="Create key"
        busyLabel="Creating…"
        submitting={form.submitting}
        done={Boolean(created)}
      >
        {created ? (
          <SecretPanel label="API key" value={created}>
            Store it in your back end&apos;s secrets now: only a hash is kept, so it can&apos;t be shown again.
          </SecretPanel>
        ) : (
          <form id="new-key-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
            <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the key" />
            <TextField {...form.field('label')} label="Label (optional)" hint="Where it is used, e.g. “production back end”." maxLength={100} autoComplete="off" />
          </form>
        )}
      </FormModal>

      <ConfirmDialog open={target !== null} title="Revoke this API key?" confirmLabel="Revoke key" tone="danger" busy={busy} busyLabel="Revoking…" error={error} onCancel={() => setTarget(null)} onConfirm={() => void revoke()}>
        <p>
          Calls with the key <span className="font-mono">{target?.keyPrefix}…</span>
          {target?.label ? ` (${target.label})` : ''} are refused from now on. This can&apos;t be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
