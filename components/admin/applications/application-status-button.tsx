'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import type { TAdminApplicationDto } from '@/lib/applications/admin-applications';
import { ApiError, goToSignIn } from '../api';
import { describeRequestError } from '../form';
import { tenancyApi } from '../tenancy/tenancy-api';

/** "Disable" (confirmed: its users can't sign in through it any more) or "Enable" an application. */
export function ApplicationStatusButton({ application }: { application: TAdminApplicationDto }) {
  const router = useRouter();
  const { toast } = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const disabling = application.status === 'active';

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      await tenancyApi.setApplicationStatus(application.id, disabling ? 'disabled' : 'active');
      setConfirming(false);
      toast(disabling ? `${application.name} is disabled.` : `${application.name} is enabled again.`);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'auth.unauthenticated') return goToSignIn();
      if (disabling) setError(describeRequestError(e));
      else toast(describeRequestError(e), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button variant={disabling ? 'danger-secondary' : 'secondary'} busy={busy && !disabling} busyLabel="Enabling…" onClick={() => (disabling ? (setError(undefined), setConfirming(true)) : void run())}>
        {disabling ? 'Disable application' : 'Enable application'}
      </Button>
      <ConfirmDialog open={confirming} title={`Disable ${application.name}?`} confirmLabel="Disable application" tone="danger" busy={busy} busyLabel="Disabling…" error={error} onCancel={() => setConfirming(false)} onConfirm={() => void run()}>
        <p>Its pages can no longer register or sign in users through the FIDO2 API 2.0 until you enable it again. Its users, passkeys and API keys are kept.</p>
      </ConfirmDialog>
    </>
  );
}
