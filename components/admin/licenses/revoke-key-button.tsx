'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { ApiError, goToSignIn } from '../api';
import { describeRequestError } from '../form';
import { licensesApi } from './licenses-api';

/**
 * "Revoke" for one license or API key of a list: a confirmation naming the key's prefix, then the
 * key stops working at once (it stays listed as revoked).
 */
export function RevokeKeyButton({ kind, id, keyPrefix, label }: { kind: 'license' | 'apiKey'; id: string; keyPrefix: string; label: string | null }) {
  const router = useRouter();
  const { toast } = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const noun = kind === 'license' ? 'license' : 'API key';
  const name = label ? `${label} (${keyPrefix}…)` : `${keyPrefix}…`;

  async function revoke() {
    setBusy(true);
    setError(undefined);
    try {
      await (kind === 'license' ? licensesApi.revokeLicense(id) : licensesApi.revokeApiKey(id));
      setOpen(false);
      toast(`The ${noun} ${name} was revoked.`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      setError(describeRequestError(e));
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
        Revoke<span className="sr-only"> {noun} {name}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke the ${noun} ${name}?`}
        confirmLabel={`Revoke ${noun}`}
        tone="danger"
        busy={busy}
        busyLabel="Revoking…"
        error={error}
        onCancel={() => setOpen(false)}
        onConfirm={() => void revoke()}
      >
        <p>Every call made with it is refused from now on. This can&apos;t be undone: create a new {noun} and give it to the callers that still need one.</p>
      </ConfirmDialog>
    </>
  );
}
