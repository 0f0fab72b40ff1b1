'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { TInvitationDto } from '@/lib/admin/admin-dto';
import { adminApi } from '../api';
import { RoleBadge } from '../role-badge';
import { useAdminAction } from '../use-admin-action';

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function scopeOf(i: TInvitationDto): string {
  if (i.role === 'system') return 'All tenants';
  if (i.role === 'tenant') return `Tenant ${i.tenant?.name ?? '?'}`;
  return i.communities.map((c) => c.name).join(', ');
}

/** Invitations whose setup link has not been used yet; each can be revoked (its link stops working). */
export function PendingInvitations({ invitations }: { invitations: TInvitationDto[] }) {
  const [target, setTarget] = useState<TInvitationDto | null>(null);
  const { busy, error, clearError, run } = useAdminAction();
  if (invitations.length === 0) return null;

  async function revoke() {
    if (!target) return;
    await run(() => adminApi.revokeInvitation(target.id), {
      success: 'Invitation revoked: its link no longer works.',
      gone: { code: 'admin.invitation_not_found', message: 'This invitation was already used or revoked.' },
      onDone: () => setTarget(null),
    });
  }

  return (
    <section aria-labelledby="invitations-heading" className="mb-8">
      <h2 id="invitations-heading" className="text-base font-semibold text-slate-900">
        Pending invitations <span className="font-normal text-slate-500">({invitations.length})</span>
      </h2>
      <ul className="mt-3 divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        {invitations.map((i) => (
          <li key={i.id} className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center" data-testid="invitation">
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                <span className="truncate">{i.label ?? 'Invitation'}</span>
                <RoleBadge role={i.role} />
              </p>
              <p className="mt-0.5 text-sm text-slate-600">
                {scopeOf(i)} · link valid until <time dateTime={i.expiresAt}>{DATE_TIME.format(new Date(i.expiresAt))}</time>
              </p>
            </div>
            <Button size="sm" variant="danger-secondary" onClick={() => (clearError(), setTarget(i))} className="self-start sm:self-auto">
              Revoke<span className="sr-only"> invitation {i.label ?? ''}</span>
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog open={target !== null} title="Revoke this invitation?" confirmLabel="Revoke invitation" tone="danger" busy={busy} busyLabel="Revoking…" error={error} onCancel={() => setTarget(null)} onConfirm={() => void revoke()}>
        <p>The setup link{target?.label ? ` for ${target.label}` : ''} stops working at once. You can invite them again later.</p>
      </ConfirmDialog>
    </section>
  );
}
