import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { deletePasskey } from '../passkeys/manage-passkeys';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';

/**
 * Revokes (deletes) one passkey of an end user from the console: the user must be in a community
 * of the caller's scope and the passkey theirs. deletePasskey records `passkeys.deleted` (actor
 * `admin:<id>`) in the same transaction. The user's other passkeys and sessions stay.
 * @throws AppError `users.not_found` (user unknown or out of scope), `passkeys.not_found` (not this user's)
 */
export async function revokeUserPasskey(options: { db: TDb; principal: TAdminPrincipal; userId: string; passkeyId: string }): Promise<{ remaining: number }> {
  return options.db.$transaction(async (tx: TTx) => {
    const user = await tx.user.findFirst({ where: { id: options.userId, ...communityRowScopeWhere(options.principal) }, select: { id: true, communityId: true } });
    if (!user) throw new AppError('users.not_found', { detail: `${options.userId} not in the scope of admin ${options.principal.adminId}` });
    return deletePasskey({ db: tx, owner: { communityId: user.communityId, userId: user.id }, passkeyId: options.passkeyId, actor: adminActor(options.principal) });
  });
}
