'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormModal } from '@/components/ui/form-modal';
import { SecretPanel } from '@/components/ui/secret-panel';
import { PlusIcon } from '@/components/passkey/icons';
import { ZInviteInput } from '@/lib/admin/grant-schema';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import type { TAdminRole } from '@/lib/admin/principal';
import { adminApi } from '../api';
import { FormError, useZodForm } from '../form';
import { GrantFields } from './grant-fields';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * "Invite administrator": a dialog with the role, scope and a note; the server returns a
 * one-time setup link, shown once with a Copy button.
 */
export function InviteAdminButton({ scope, myRole }: { scope: TScopeOptions; myRole: TAdminRole }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ url: string; expiresAt: string; label: string | null }>();
  const single = scope.tenants.length === 1 ? scope.tenants[0]!.id : '';
  const initialValues = { role: myRole === 'system' ? ('tenant' as TAdminRole) : ('community' as TAdminRole), tenantId: myRole === 'system' ? '' : single, communityIds: [] as string[], label: '' };
  const form = useZodForm({
    id: 'invite',
    schema: ZInviteInput,
    initialValues,
    onSubmit: async (values) => {
      const { url, invitation } = await adminApi.invite(values);
      setResult({ url, expiresAt: invitation.expiresAt, label: invitation.label });
      router.refresh();
    },
  });

  const close = () => {
    setOpen(false);
    setResult(undefined);
    form.reset();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <span className="inline-flex items-center gap-1.5">
          <PlusIcon className="h-4 w-4" />
          Invite administrator
        </span>
      </Button>
      <FormModal
        open={open}
        size="lg"
        title={result ? 'Invitation link created' : 'Invite an administrator'}
        description={result ? undefined : 'Choose what they will manage. You get a one-time link to send them; they open it and create their passkey.'}
        onClose={close}
        formId="invite-form"
        submitLabel="Create invitation link"
        busyLabel="Creating link…"
        submitting={form.submitting}
        done={Boolean(result)}
      >
        {result ? (
          <SecretPanel label="One-time setup link" value={result.url}>
            Send it privately to {result.label ?? 'the new administrator'}. It works once, until {DATE_TIME.format(new Date(result.expiresAt))}, and is shown only now.
          </SecretPanel>
        ) : (
          <form id="invite-form" noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
            <FormError message={form.formError} bind={form.bindFormError} title="Couldn't create the invitation" />
            <GrantFields form={form} scope={scope} myRole={myRole} />
            <TextField {...form.field('label')} label="Note (optional)" hint="Who it is for, e.g. “Ada, web team”. Only administrators see it." maxLength={100} autoComplete="off" />
          </form>
        )}
      </FormModal>
    </>
  );
}
