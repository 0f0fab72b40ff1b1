import type { TDb, TTx } from '../db';
import { hashSecret, randomToken } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import { toUserDto, type TUserDto } from '../users/username';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type TSession = { id: string; communityId: string; user: TUserDto; amr: string[]; aal: number; authTime: Date; expiresAt: Date };

/**
 * Opens a hosted-page session after a successful sign-in. The cookie carries a random token;
 * only its hash is stored, so a database leak yields no usable sessions.
 */
export async function createSession(options: { db: TTx; communityId: string; userId: string; amr: string[]; authTime: Date; ttlMs?: number; now?: Date }): Promise<{ token: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + (options.ttlMs ?? SESSION_TTL_MS));
  // AAL2 when the passkey proved user verification (NIST SP 800-63B §4.2: multi-factor cryptographic authenticator).
  const aal = options.amr.includes('mfa') ? 2 : 1;
  await options.db.session.create({
    data: { communityId: options.communityId, userId: options.userId, tokenHash: hashSecret(token), amr: options.amr, aal, authTime: options.authTime, createdAt: now, expiresAt },
  });
  return { token, expiresAt };
}

/** The live session of a cookie token in a community (not revoked, not expired, user active). */
export async function findSession(options: { db: TTx; communityId: string; token: string | undefined; now?: Date }): Promise<TSession | undefined> {
  if (!options.token || options.token.length > 128) return undefined;
  const now = options.now ?? new Date();
  const row = await options.db.session.findUnique({
    where: { tokenHash: hashSecret(options.token) },
    include: { user: { select: { id: true, username: true, displayName: true, status: true } } },
  });
  if (!row || row.communityId !== options.communityId || row.revokedAt || row.expiresAt <= now || row.user.status !== 'active') return undefined;
  return { id: row.id, communityId: row.communityId, user: toUserDto(row.user), amr: row.amr as string[], aal: row.aal, authTime: row.authTime, expiresAt: row.expiresAt };
}

/** Revokes the session of a cookie token (sign-out). Idempotent. */
export async function revokeSession(options: { db: TDb; communityId: string; token: string | undefined; now?: Date }): Promise<boolean> {
  if (!options.token) return false;
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx: TTx) => {
    const row = await tx.session.findUnique({ where: { tokenHash: hashSecret(options.token!) }, select: { id: true, userId: true, communityId: true, revokedAt: true } });
    if (!row || row.communityId !== options.communityId || row.revokedAt) return false;
    await tx.session.update({ where: { id: row.id }, data: { revokedAt: now } });
    await writeAuditEvent(tx, { type: 'sessions.signed_out', actor: `user:${row.userId}`, result: 'success', communityId: row.communityId, subject: row.id });
    return true;
  });
}
