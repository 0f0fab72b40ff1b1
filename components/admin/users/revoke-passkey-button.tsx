'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { adminApi, ApiError, goToSignIn } from '../api';
import { describeRequestError } from '../form';

/** "Revoke" for one passkey of a user, after a confirmation. */
export function RevokePasskeyButton({ userId, username, passkey, last }: { userId: string; username: string; passkey: { id: string; name: string }; last: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function revoke() {
    setBusy(true);
    setError(undefined);
    try {
      await adminApi.revokeUserPasskey(userId, passkey.id);
      setOpen(false);
      toast(`The passkey “${passkey.name}” was revoked.`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      if (e instanceof ApiError && e.code === 'passkeys.not_found') {
        setOpen(false);
        toast(`The passkey “${passkey.name}” had already been removed.`, 'info');
        router.refresh();
      } else setError(describeRequestError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        size="sm"
        variant="danger-secondary"
        onClick={() => {
          setError(undefined);
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
