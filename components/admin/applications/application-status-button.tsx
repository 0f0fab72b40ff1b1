'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { TAdminApplicationDto } from '@/lib/applications/admin-applications';
import { tenancyApi } from '../tenancy/tenancy-api';
import { useAdminAction } from '../use-admin-action';

/** "Disable" (confirmed: its users can't sign in through it any more) or "Enable" an application. */
export function ApplicationStatusButton({ application }: { application: TAdminApplicationDto }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAdminAction();
  const { busy, error } = action;
  const disabling = application.status === 'active';

  const run = () =>
    action.run(() => tenancyApi.setApplicationStatus(application.id, disabling ? 'disabled' : 'active'), {
      success: disabling ? `${application.name} is disabled.` : `${application.name} is enabled again.`,
      onDone: () => setConfirming(false),
      failure: disabling ? 'dialog' : 'toast',
    });

  return (
    <>
      <Button variant={disabling ? 'danger-secondary' : 'secondary'} busy={busy && !disabling} busyLabel="Enabling…" onClick={() => (disabling ? (action.clearError(), setConfirming(true)) : void run())}>
        {disabling ? 'Disable application' : 'Enable application'}
      </Button>
      <ConfirmDialog open={confirming} title={`Disable ${application.name}?`} confirmLabel="Disable application" tone="danger" busy={busy} busyLabel="Disabling…" error={error} onCancel={() => setConfirming(false)} onConfirm={() => void run()}>
        <p>Its pages can no longer register or sign in users through the FIDO2 API 2.0 until you enable it again. Its users, passkeys and API keys are kept.</p>
      </ConfirmDialog>
    </>
  );
}
