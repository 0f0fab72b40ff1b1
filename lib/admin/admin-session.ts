import type { TDb, TTx } from '../db';
import { hashSecret } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import { createSession } from '../sessions/sessions';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { findAdminForIdentity, type TAdminIdentity } from './admin-identity';
import { adminActor, toAdminPrincipal, type TAdminPrincipal } from './principal';

/**
 * Console sessions are Session rows of the console community. The browser's next-auth cookie (an
 * encrypted JWT) carries only the session's random handle, whose SHA-256 is the row's tokenHash;
 * every request finds the row again, so sign-out and removal take effect at once.
 *
 * Lifetime: signed out after 30 minutes without a request (idle), and 8 hours after signing in
 * whatever happens (absolute): a working day, and close to Keycloak's defaults (SSO session idle
 * 30 min, max 10 h). `expiresAt` holds the idle deadline; it is moved forward at most once a
 * minute, and never past the absolute one.
 */
export const ADMIN_SESSION_IDLE_MS = 30 * 60 * 1000;
export const ADMIN_SESSION_MAX_MS = 8 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 60 * 1000;

export type TAdminSession = {
  principal: TAdminPrincipal;
  admin: { username: string; displayName: string };
  sessionId: string;
  consoleCommunityId: string;
  authTime: Date;
  /** Idle deadline: moves on with use. */
  expiresAt: Date;
  /** Absolute deadline: 8 h after sign-in. */
  absoluteExpiresAt: Date;
};

/**
 * Opens a console session for a proven identity (any provider): maps it to the administrator
 * (findAdminForIdentity), stores the session and the audit event together, and returns the
 * session handle for the cookie.
 * @throws AppError `auth.unauthenticated` (not an administrator)
 */
export async function openAdminSession(options: { db: TDb; identity: TAdminIdentity; amr: string[]; authTime?: Date; meta?: TRequestMeta; now?: Date }): Promise<{ token: string; expiresAt: Date; principal: TAdminPrincipal }> {
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx: TTx) => {
    const admin = await findAdminForIdentity({ db: tx, identity: options.identity });
    const session = await createSession({ db: tx, communityId: admin.consoleCommunityId, userId: admin.principal.userId, amr: options.amr, authTime: options.authTime ?? now, ttlMs: ADMIN_SESSION_IDLE_MS, now });
    await writeAuditEvent(tx, {
      type: 'admin.signed_in',
      actor: adminActor(admin.principal),
      result: 'success',
      communityId: admin.consoleCommunityId,
      subject: admin.principal.adminId,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { provider: options.identity.provider, amr: options.amr },
    });
    return { token: session.token, expiresAt: session.expiresAt, principal: admin.principal };
  });
}

/**
 * The live console session of a session handle, with the administrator's role and scope read
 * fresh: undefined when unknown, revoked, idle too long, past its absolute lifetime, of a disabled
 * user or of someone who is no longer an administrator. Moves the idle deadline on.
 */
export async function resolveAdminSession(options: { db: TTx; token: string | undefined; now?: Date }): Promise<TAdminSession | undefined> {
  if (!options.token || options.token.length > 128) return undefined;
  const now = options.now ?? new Date();
  const row = await options.db.session.findUnique({
    where: { tokenHash: hashSecret(options.token) },
    select: {
      id: true,
      communityId: true,
      createdAt: true,
      authTime: true,
      expiresAt: true,
      revokedAt: true,
      community: { select: { purpose: true } },
      user: { select: { username: true, displayName: true, status: true, admin: { select: { id: true, userId: true, role: true, tenantId: true, communityIds: true } } } },
    },
  });
  if (!row || row.community.purpose !== 'console' || row.revokedAt || !row.user.admin || row.user.status !== 'active') return undefined;
  const absoluteExpiresAt = new Date(row.createdAt.getTime() + ADMIN_SESSION_MAX_MS);
  if (row.expiresAt <= now || absoluteExpiresAt <= now) return undefined;

  let expiresAt = row.expiresAt;
  if (row.expiresAt.getTime() - now.getTime() < ADMIN_SESSION_IDLE_MS - TOUCH_AFTER_MS) {
    expiresAt = new Date(Math.min(now.getTime() + ADMIN_SESSION_IDLE_MS, absoluteExpiresAt.getTime()));
    await options.db.session.updateMany({ where: { id: row.id, revokedAt: null }, data: { expiresAt } });
  }
  return {
    principal: toAdminPrincipal(row.user.admin),
    admin: { username: row.user.username, displayName: row.user.displayName },
    sessionId: row.id,
    consoleCommunityId: row.communityId,
    authTime: row.authTime,
    expiresAt,
    absoluteExpiresAt,
  };
}

/**
 * Revokes a console session (sign-out), found by its handle (next-auth's signOut event) or by its
 * id (the console's sign-out endpoint, after resolveAdminSession). Idempotent: false when there
 * was nothing to revoke.
 */
export async function revokeAdminSession(options: { db: TDb; token?: string; sessionId?: string; meta?: TRequestMeta; now?: Date }): Promise<boolean> {
  const where = options.sessionId ? { id: options.sessionId } : options.token && options.token.length <= 128 ? { tokenHash: hashSecret(options.token) } : undefined;
  if (!where) return false;
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx: TTx) => {
    const row = await tx.session.findUnique({ where, select: { id: true, communityId: true, revokedAt: true, community: { select: { purpose: true } }, user: { select: { admin: { select: { id: true } } } } } });
    if (!row || row.community.purpose !== 'console' || row.revokedAt) return false;
    const { count } = await tx.session.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: now } });
    if (count !== 1) return false;
    await writeAuditEvent(tx, {
      type: 'admin.signed_out',
      actor: row.user.admin ? `admin:${row.user.admin.id}` : 'anonymous',
      result: 'success',
      communityId: row.communityId,
      subject: row.id,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
    });
    return true;
  });
}
