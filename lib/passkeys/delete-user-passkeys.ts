import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import type { TRequestMeta } from './audit-failure';

/**
 * Deletes every passkey of one user of the community (002 mgmt "Permanently delete all passkeys
 * associated with user account"). The account stays. A user with none is fine (0).
 * @throws AppError `users.not_found` (unknown or of another community)
 */
export async function deleteUserPasskeys(options: { db: TDb | TTx; communityId: string; userId: string; actor: string; meta?: TRequestMeta }): Promise<{ removed: number }> {
  const { communityId, userId } = options;
  return inTransaction(options.db, async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId, communityId }, select: { id: true } });
    if (!user) throw new AppError('users.not_found', { detail: `${userId} in ${communityId}` });
    const { count } = await tx.passkey.deleteMany({ where: { communityId, userId } });
    await writeAuditEvent(tx, { type: 'passkeys.deleted_all', actor: options.actor, result: 'success', communityId, subject: userId, ip: options.meta?.ip, userAgent: options.meta?.userAgent, detail: { removed: count } });
    return { removed: count };
  });
}
