import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { deleteUser } from './delete-user';

/**
 * Deletes an end user for good, from the console: the user must be in a community of the
 * caller's scope; then deleteUser removes the passkeys, devices, sessions and one-time codes and
 * records `users.deleted` (actor `admin:<id>`), all in one transaction.
 * @throws AppError `users.not_found` (unknown, or out of the caller's scope)
 */
export async function removeUser(options: { db: TDb; principal: TAdminPrincipal; userId: string; meta?: TRequestMeta }): Promise<{ passkeys: number; devices: number; sessions: number }> {
  return options.db.$transaction(async (tx: TTx) => {
    const user = await tx.user.findFirst({ where: { id: options.userId, ...communityRowScopeWhere(options.principal) }, select: { id: true, communityId: true } });
    if (!user) throw new AppError('users.not_found', { detail: `${options.userId} not in the scope of admin ${options.principal.adminId}` });
    return deleteUser({ db: tx, communityId: user.communityId, userId: user.id, actor: adminActor(options.principal), meta: options.meta });
  });
}
