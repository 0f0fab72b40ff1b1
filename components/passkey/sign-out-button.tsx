'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { createHostedApi } from './api';
import { describePasskeyError } from './error-messages';

/** Ends the session (POST session/logout) and goes to the sign-in page. */
export function SignOutButton({ apiBase, loginPath, rpId, siteName }: { apiBase: string; loginPath: string; rpId: string; siteName: string }) {
  const api = useMemo(() => createHostedApi(apiBase), [apiBase]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function signOut() {
    setBusy(true);
    setError(undefined);
    try {
      await api.logout();
      window.location.assign(loginPath);
    } catch (e) {
      const human = describePasskeyError(e, { ceremony: 'management', rpId, siteName });
      // Already signed out: the outcome the user wanted.
      if (human.code === 'auth.unauthenticated') return window.location.assign(loginPath);
      setBusy(false);
      setError(`Couldn't sign you out. ${human.message}`);
    }
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" variant="secondary" busy={busy} busyLabel="Signing out…" onClick={() => void signOut()} aria-describedby={error ? 'sign-out-error' : undefined}>
        Sign out
      </Button>
      {error ? (
        <p id="sign-out-error" role="alert" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
