import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { adminActor, toAdminGrant, type TAdminPrincipal } from './principal';
import { grantScopeWhere, isGrantInScope } from './scope';

/**
 * Revokes a pending invitation: its setup link stops working at once (the row is deleted; the
 * audit trail keeps the record). Used, expired and out-of-scope invitations are not found.
 * @throws AppError `admin.invitation_not_found`
 */
export async function revokeInvitation(options: { db: TDb; principal: TAdminPrincipal; invitationId: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  await options.db.$transaction(async (tx: TTx) => {
    const row = await tx.adminSetupToken.findFirst({ where: { id: options.invitationId, ...grantScopeWhere(options.principal), usedAt: null, expiresAt: { gt: now } } });
    if (!row || !isGrantInScope(options.principal, toAdminGrant(row))) throw new AppError('admin.invitation_not_found', { detail: options.invitationId });
    const { count } = await tx.adminSetupToken.deleteMany({ where: { id: row.id, usedAt: null } });
    if (count !== 1) throw new AppError('admin.invitation_not_found', { detail: `${row.id} used concurrently` });
    await writeAuditEvent(tx, { type: 'admin.invitation_revoked', actor: adminActor(options.principal), result: 'success', tenantId: row.tenantId, subject: row.id, detail: { role: row.role, label: row.label } });
  });
}
