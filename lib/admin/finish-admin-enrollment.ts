import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { hashSecret } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { finishRegistration } from '../passkeys/finish-registration';
import { openAdminSession } from './admin-session';
import { getConsoleCommunityId } from './console-community';
import { toAdminGrant, type TAdminPrincipal } from './principal';

/**
 * Completes enrolment from a setup link: verifies the new passkey on the console community and, in
 * the one transaction that creates the console user and the passkey, creates the Admin with the
 * link's role and scope and marks the link used. The link is consumed by a conditional update
 * that must hit exactly one unused, unexpired row, so of two concurrent uses exactly one makes an
 * administrator; the other is rolled back whole (no user, no passkey). Then signs the new
 * administrator in.
 * @throws AppError `admin.setup_link_invalid`, and as finishRegistration (`passkeys.challenge_invalid`
 *   when the ceremony was started with another link, `passkeys.verification_failed`, `passkeys.username_taken`, …)
 */
export async function enrollAdminWithPasskey(options: { db: TDb; token: string; response: unknown; meta?: TRequestMeta; now?: Date }): Promise<{ token: string; expiresAt: Date; principal: TAdminPrincipal }> {
  const now = options.now ?? new Date();
  const link = options.token && options.token.length <= 128 ? await options.db.adminSetupToken.findUnique({ where: { tokenHash: hashSecret(options.token) } }) : null;
  if (!link || link.usedAt || link.expiresAt <= now) throw new AppError('admin.setup_link_invalid', { detail: link ? `setup token ${link.id} used or expired` : 'unknown setup token' });
  const grant = toAdminGrant(link);
  const communityId = await getConsoleCommunityId(options.db);
  let userVerified = false;

  const result = await finishRegistration({
    db: options.db,
    communityId,
    realm: 'console',
    response: options.response,
    binding: { setupToken: link.id },
    meta: options.meta,
    now,
    onRegistered: async (tx: TTx, { result: registered }) => {
      if (!registered.created) throw new AppError('admin.setup_link_invalid', { detail: 'enrolment must create a new console user' });
      const admin = await tx.admin.create({ data: { userId: registered.user.id, role: grant.role, tenantId: grant.tenantId, communityIds: grant.communityIds, createdBy: link.createdBy, createdAt: now } });
      const { count } = await tx.adminSetupToken.updateMany({ where: { id: link.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, adminId: admin.id } });
      if (count !== 1) throw new AppError('admin.setup_link_invalid', { detail: `setup token ${link.id} was used concurrently` });
      userVerified = (await tx.passkey.findUniqueOrThrow({ where: { id: registered.passkey.id }, select: { userVerified: true } })).userVerified;
      await writeAuditEvent(tx, {
        type: 'admin.enrolled',
        actor: `admin:${admin.id}`,
        result: 'success',
        tenantId: grant.tenantId,
        communityId,
        subject: admin.id,
        ip: options.meta?.ip,
        userAgent: options.meta?.userAgent,
        detail: { setupLink: link.id, invitedBy: link.createdBy, role: grant.role, username: registered.user.username, ...(grant.communityIds.length ? { communityIds: grant.communityIds } : {}) },
      });
    },
  });
  // The new passkey was just proven in this ceremony: that is the sign-in.
  const amr = ['pop', ...(userVerified ? ['user', 'mfa'] : [])];
  return openAdminSession({ db: options.db, identity: { provider: 'passkey', userId: result.user.id }, amr, meta: options.meta, now });
}
