'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { adminApi, ApiError, goToSignIn } from './api';
import { describeRequestError } from './form';

/** Signs the administrator out (the server revokes the session) and goes to the sign-in page. */
export function AdminSignOutButton({ className = '' }: { className?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function signOut() {
    setBusy(true);
    setError(undefined);
    try {
      await adminApi.signOut();
      goToSignIn();
    } catch (e) {
      // Already signed out: the outcome the administrator wanted.
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      setBusy(false);
      setError(`Couldn't sign you out. ${describeRequestError(e)}`);
    }
  }

  return (
    <div className={`relative ${className}`}>
      <Button size="sm" variant="secondary" busy={busy} busyLabel="Signing out…" onClick={() => void signOut()} aria-describedby={error ? 'admin-sign-out-error' : undefined}>
        Sign out
      </Button>
      {error ? (
        <p id="admin-sign-out-error" role="alert" className="absolute top-full right-0 z-10 mt-2 w-64 rounded-lg border border-red-200 bg-red-50 p-2 text-sm text-red-800 shadow">
          {error}
        </p>
      ) : null}
    </div>
  );
}
