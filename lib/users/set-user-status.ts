import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { toUserStatus } from './admin-user-dto';
import { ZUserStatusInput, type TUserStatus } from './admin-user-schema';

/**
 * Disables or enables an end user's account (`{status: "disabled" | "active"}`). Disabling revokes
 * the user's live sessions at once, in the same transaction; while disabled, the passkeys core
 * refuses their sign-ins (`passkeys.user_disabled`), hosted sessions are not honoured and
 * username-first lookups don't find them. Writes `users.disabled` / `users.enabled`; asking for
 * the status the account already has changes nothing and records nothing.
 * @throws AppError `request.validation_failed`, `users.not_found` (unknown or out of scope)
 */
export async function setUserStatus(options: {
  db: TDb;
  principal: TAdminPrincipal;
  userId: string;
  input: unknown;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ status: TUserStatus; sessionsRevoked: number }> {
  const { status } = parseInput(ZUserStatusInput, options.input);
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx: TTx) => {
    const user = await tx.user.findFirst({
      where: { id: options.userId, ...communityRowScopeWhere(options.principal) },
      select: { id: true, username: true, status: true, communityId: true, community: { select: { tenantId: true } } },
    });
    if (!user) throw new AppError('users.not_found', { detail: `${options.userId} not in the scope of admin ${options.principal.adminId}` });
    const before = toUserStatus(user.status);
    let sessionsRevoked = 0;
    if (status === 'disabled') {
      // Live sessions end now, not when they expire (also when the account was already disabled).
      ({ count: sessionsRevoked } = await tx.session.updateMany({ where: { userId: user.id, communityId: user.communityId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now } }));
    }
    if (before === status) return { status, sessionsRevoked };
    await tx.user.update({ where: { id: user.id }, data: { status } });
    await writeAuditEvent(tx, {
      type: status === 'disabled' ? 'users.disabled' : 'users.enabled',
      actor: adminActor(options.principal),
      result: 'success',
      tenantId: user.community.tenantId,
      communityId: user.communityId,
      subject: user.id,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { username: user.username, ...(status === 'disabled' ? { sessionsRevoked } : {}) },
    });
    return { status, sessionsRevoked };
  });
}
