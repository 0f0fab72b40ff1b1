'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import type { TUserStatus } from '@/lib/users/admin-user-schema';
import { adminApi, ApiError, goToSignIn } from '../api';
import { describeRequestError } from '../form';

type TUserRef = { id: string; username: string; displayName: string; status: TUserStatus };

/**
 * The actions of a user's page: Disable (confirmed: it ends their sessions) or Enable, and Delete
 * (confirmed by typing the username; back to the list afterwards).
 */
export function UserActions({ user }: { user: TUserRef }) {
  const router = useRouter();
  const { toast } = useToast();
  const [asking, setAsking] = useState<'disable' | 'delete'>();
  const [busy, setBusy] = useState<'status' | 'delete'>();
  const [error, setError] = useState<string>();
  const name = user.displayName || user.username;

  async function run(kind: 'status' | 'delete', act: () => Promise<void>) {
    setBusy(kind);
    setError(undefined);
    try {
      await act();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      if (e instanceof ApiError && e.code === 'users.not_found') {
        setAsking(undefined);
        toast(`${name} no longer exists.`, 'info');
        router.push('/admin/users');
        return;
      }
      const message = describeRequestError(e);
      if (asking) setError(message);
      else toast(message, 'error');
    } finally {
      setBusy(undefined);
    }
  }

  const setStatus = (status: TUserStatus) =>
    run('status', async () => {
      const result = await adminApi.setUserStatus(user.id, { status });
      setAsking(undefined);
      if (status === 'disabled') toast(result.sessionsRevoked > 0 ? `${name} is disabled and was signed out.` : `${name} is disabled.`);
      else toast(`${name} can sign in again.`);
      router.refresh();
    });

  const remove = () =>
    run('delete', async () => {
      await adminApi.deleteUser(user.id);
      setAsking(undefined);
      toast(`${user.username} was deleted.`);
      router.push('/admin/users');
      router.refresh();
    });

  return (
    <>
      {user.status === 'active' ? (
        <Button
          variant="secondary"
          onClick={() => {
            setError(undefined);
            setAsking('disable');
          }}
        >
          Disable account
        </Button>
      ) : (
        <Button variant="secondary" busy={busy === 'status'} busyLabel="Enabling…" onClick={() => void setStatus('active')}>
          Enable account
        </Button>
      )}
      <Button
        variant="danger-secondary"
        onClick={() => {
          setError(undefined);
          setAsking('delete');
        }}
      >
        Delete user
      </Button>

      <ConfirmDialog
        open={asking === 'disable'}
        title={`Disable ${name}?`}
        confirmLabel="Disable account"
        tone="danger"
        busy={busy === 'status'}
        busyLabel="Disabling…"
        error={error}
        onCancel={() => setAsking(undefined)}
        onConfirm={() => void setStatus('disabled')}
      >
        <p>
          {name} ({user.username}) is signed out everywhere at once and can&apos;t sign in until you enable the account again. Their passkeys and devices are kept.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={asking === 'delete'}
        title={`Delete ${name}?`}
        confirmLabel="Delete user"
        tone="danger"
        busy={busy === 'delete'}
        busyLabel="Deleting…"
        error={error}
        confirmText={user.username}
        onCancel={() => setAsking(undefined)}
        onConfirm={() => void remove()}
      >
        <p>
          The account {user.username} is deleted for good, with all its passkeys, devices and sessions. This can&apos;t be undone: the person would have to sign up again.
        </p>
      </ConfirmDialog>
    </>
  );
}
