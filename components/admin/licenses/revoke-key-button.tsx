'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useAdminAction } from '../use-admin-action';
import { licensesApi } from './licenses-api';

/**
 * "Revoke" for one license or API key of a list: a confirmation naming the key's prefix, then the
 * key stops working at once (it stays listed as revoked).
 */
export function RevokeKeyButton({ kind, id, keyPrefix, label }: { kind: 'license' | 'apiKey'; id: string; keyPrefix: string; label: string | null }) {
  const [open, setOpen] = useState(false);
  const { busy, error, clearError, run } = useAdminAction();
  const noun = kind === 'license' ? 'license' : 'API key';
  const name = label ? `${label} (${keyPrefix}…)` : `${keyPrefix}…`;

  const revoke = () =>
    run(() => (kind === 'license' ? licensesApi.revokeLicense(id) : licensesApi.revokeApiKey(id)), { success: `The ${noun} ${name} was revoked.`, onDone: () => setOpen(false) });

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
