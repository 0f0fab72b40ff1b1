'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormModal } from '@/components/ui/form-modal';
import { useToast } from '@/components/ui/toast';
import type { TAdminDto } from '@/lib/admin/admin-dto';
import { ZAdminGrant } from '@/lib/admin/grant-schema';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import { ROLE_LABEL, type TAdminRole } from '@/lib/admin/principal';
import { adminApi, ApiError, goToSignIn } from '../api';
import { describeRequestError, FormError, useZodForm } from '../form';
import { GrantFields } from './grant-fields';

/** "Change role" and "Remove" for one administrator of the list. */
export function AdminRowActions({ admin, scope, myRole }: { admin: TAdminDto; scope: TScopeOptions; myRole: TAdminRole }) {
  const router = useRouter();
  const { toast } = useToast();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string>();
  const name = admin.displayName || admin.username;
  const initialValues = { role: admin.role, tenantId: admin.tenant?.id ?? '', communityIds: admin.communities.map((c) => c.id) };

  const form = useZodForm({
    id: `role-${admin.id}`,
    schema: ZAdminGrant,
    initialValues,
    onSubmit: async (values) => {
      const { admin: updated } = await adminApi.changeRole(admin.id, values);
      setEditing(false);
      toast(`${name} is now a ${ROLE_LABEL[updated.role].toLowerCase()}.`);
      router.refresh();
    },
  });

  async function remove() {
    setRemoveBusy(true);
    setRemoveError(undefined);
    try {
      await adminApi.removeAdmin(admin.id);
      if (admin.isYou) return goToSignIn();
      setRemoving(false);
      toast(`${name} was removed and signed out.`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      if (e instanceof ApiError && e.code === 'admin.not_found') {
        setRemoving(false);
        toast(`${name} had already been removed.`, 'info');
        router.refresh();
      } else setRemoveError(describeRequestError(e));
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap gap-2 xl:flex-nowrap xl:justify-end">
      <Button
        size="sm"
        variant="secondary"
        onClick={() => {
          form.reset(initialValues);
          setEditing(true);
        }}
      >
        Change role<span className="sr-only"> of {name}</span>
      </Button>
      <Button
        size="sm"
        variant="danger-secondary"
        onClick={() => {
          setRemoveError(undefined);
          setRemoving(true);
        }}
      >
        Remove<span className="sr-only"> {name}</span>
      </Button>

      <FormModal
        open={editing}
        title={`Change the role of ${name}`}
        description="The change applies to their next click: no need for them to sign in again."
        onClose={() => setEditing(false)}
        formId={`role-form-${admin.id}`}
        submitLabel="Save role"
        submitting={form.submitting}
      >
        <form id={`role-form-${admin.id}`} noValidate onSubmit={(e) => void form.handleSubmit(e)} className="space-y-4">
          <FormError message={form.formError} bind={form.bindFormError} title="Couldn't change the role" />
          {admin.isYou ? (
            <Alert tone="warning" title="This is your own account">
              Choosing a smaller role or scope takes effect at once, and you can&apos;t give it back to yourself.
            </Alert>
          ) : null}
          <GrantFields form={form} scope={scope} myRole={myRole} />
        </form>
      </FormModal>

      <ConfirmDialog
        open={removing}
        title={admin.isYou ? 'Remove yourself?' : `Remove ${name}?`}
        confirmLabel={admin.isYou ? 'Remove me' : 'Remove administrator'}
        tone="danger"
        busy={removeBusy}
        busyLabel="Removing…"
        error={removeError}
        confirmText={admin.username}
        onCancel={() => setRemoving(false)}
        onConfirm={() => void remove()}
      >
        <p>
          {admin.isYou ? 'You will be signed out at once and' : `${name} (${admin.username}) will be signed out at once and`} can&apos;t sign in to the console again. Their passkeys for the console stop working. This can&apos;t be undone, but you can
          invite them again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
