import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { lockAdministrators } from './admin-lock';
import { adminActor, toAdminGrant, type TAdminPrincipal } from './principal';
import { grantScopeWhere, isGrantInScope } from './scope';

/**
 * Removes an administrator within the caller's scope (yourself too): its console user goes with
 * its passkeys and sessions, so its cookies stop working at once and the username is free for a
 * new invitation. The last system administrator can't be removed.
 * @throws AppError `admin.not_found`, `admin.last_system_admin`
 */
export async function removeAdmin(options: { db: TDb; principal: TAdminPrincipal; adminId: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  await options.db.$transaction(async (tx: TTx) => {
    await lockAdministrators(tx, now);
    const target = await tx.admin.findFirst({ where: { id: options.adminId, ...grantScopeWhere(options.principal) }, include: { user: { select: { username: true, communityId: true } } } });
    if (!target || !isGrantInScope(options.principal, toAdminGrant(target))) throw new AppError('admin.not_found', { detail: options.adminId });
    if (target.role === 'system' && (await tx.admin.count({ where: { role: 'system' } })) <= 1) {
      throw new AppError('admin.last_system_admin', { detail: `removing ${target.id}` });
    }
    const sessions = await tx.session.count({ where: { userId: target.userId, revokedAt: null, expiresAt: { gt: now } } });
    // Cascades to the Admin row, the passkeys and the sessions (prisma/schema.prisma).
    await tx.user.delete({ where: { id: target.userId } });
    await writeAuditEvent(tx, {
      type: 'admin.removed',
      actor: adminActor(options.principal),
      result: 'success',
      tenantId: target.tenantId,
      communityId: target.user.communityId,
      subject: target.id,
      detail: { username: target.user.username, role: target.role, sessionsEnded: sessions },
    });
  });
}
