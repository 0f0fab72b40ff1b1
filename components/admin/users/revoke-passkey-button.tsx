'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { adminApi } from '../api';
import { useAdminAction } from '../use-admin-action';

/** "Revoke" for one passkey of a user, after a confirmation. */
export function RevokePasskeyButton({ userId, username, passkey, last }: { userId: string; username: string; passkey: { id: string; name: string }; last: boolean }) {
  const [open, setOpen] = useState(false);
  const { busy, error, clearError, run } = useAdminAction();

  const revoke = () =>
    run(() => adminApi.revokeUserPasskey(userId, passkey.id), {
      success: `The passkey “${passkey.name}” was revoked.`,
      gone: { code: 'passkeys.not_found', message: `The passkey “${passkey.name}” had already been removed.` },
      onDone: () => setOpen(false),
    });

  return (
    <>
      <Button
        size="sm"
        variant="danger-secondary"
        onClick={() => {
          clearError();
          setOpen(true);
        }}
      >
        Revoke<span className="sr-only"> the passkey {passkey.name}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke the passkey “${passkey.name}”?`}
        confirmLabel="Revoke passkey"
        tone="danger"
        busy={busy}
        busyLabel="Revoking…"
        error={error}
        onCancel={() => setOpen(false)}
        onConfirm={() => void revoke()}
      >
        <p>
          {username} can no longer sign in with this passkey.{' '}
          {last ? 'It is their only passkey: they will need to sign up again or be helped to add a new one.' : 'Their other passkeys keep working.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
