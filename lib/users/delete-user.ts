import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import type { TRequestMeta } from '../passkeys/audit-failure';

/**
 * Deletes a user account for good with everything that hangs on it — passkeys, devices, sessions
 * (database cascades) and one-time codes — and records `users.deleted` with what went, in the
 * same transaction. Scoped to the community: a user of another community is `users.not_found`
 * and nothing changes. Used by the 002 profile and management APIs and the admin console.
 * @throws AppError `users.not_found`
 */
export async function deleteUser(options: { db: TDb | TTx; communityId: string; userId: string; actor: string; meta?: TRequestMeta }): Promise<{ passkeys: number; devices: number; sessions: number }> {
  const { communityId, userId } = options;
  return inTransaction(options.db, async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: userId, communityId },
      select: { id: true, username: true, community: { select: { tenantId: true } }, _count: { select: { passkeys: true, devices: true, sessions: true } } },
    });
    if (!user) throw new AppError('users.not_found', { detail: `${userId} in ${communityId}` });
    await tx.otpCode.deleteMany({ where: { communityId, userId } });
    const { count } = await tx.user.deleteMany({ where: { id: userId, communityId } });
    if (count !== 1) throw new AppError('users.not_found', { detail: `${userId} deleted concurrently` });
    const removed = { passkeys: user._count.passkeys, devices: user._count.devices, sessions: user._count.sessions };
    await writeAuditEvent(tx, {
      type: 'users.deleted',
      actor: options.actor,
      result: 'success',
      tenantId: user.community.tenantId,
      communityId,
      subject: userId,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { username: user.username, ...removed },
    });
    return removed;
  });
}
