import type { TTx } from '../db';
import { hashSecret, randomToken } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import { toAdminGrant, type TAdminGrant, type TAdminRole } from './principal';

export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export type { TAdminRole };

/**
 * Creates a one-time admin setup link (first admin, or an invitation). Only the token's hash is
 * stored; the link is returned once. Earlier unused links stay valid until they expire. The
 * grant is stored as given: callers check it first (inviteAdmin, the CLI).
 */
export async function createSetupLink(options: {
  db: TTx;
  origin: string;
  actor: string;
  role?: TAdminRole;
  tenantId?: string | null;
  communityIds?: string[];
  label?: string | null;
  now?: Date;
}): Promise<{ id: string; url: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  const row = await options.db.adminSetupToken.create({
    data: { tokenHash: hashSecret(token), role: options.role ?? 'system', tenantId: options.tenantId ?? null, communityIds: options.communityIds ?? [], label: options.label ?? null, createdBy: options.actor, expiresAt, createdAt: now },
  });
  await writeAuditEvent(options.db, {
    type: 'admin.setup_link_created',
    actor: options.actor,
    result: 'success',
    tenantId: row.tenantId,
    subject: row.id,
    detail: { role: row.role, ...(row.tenantId ? { tenantId: row.tenantId } : {}), ...(options.communityIds?.length ? { communityIds: options.communityIds } : {}), ...(row.label ? { label: row.label } : {}) },
  });
  return { id: row.id, url: `${options.origin}/admin/setup?token=${token}`, expiresAt };
}

export type TValidSetupToken = TAdminGrant & { id: string; label: string | null; expiresAt: Date };

/**
 * Looks a setup token up without consuming it (finishAdminEnrollment consumes it when the first
 * passkey is registered). Returns undefined when unknown, used or expired.
 */
export async function findValidSetupToken(options: { db: TTx; token: string; now?: Date }): Promise<TValidSetupToken | undefined> {
  const now = options.now ?? new Date();
  if (!options.token || options.token.length > 128) return undefined;
  const row = await options.db.adminSetupToken.findUnique({ where: { tokenHash: hashSecret(options.token) } });
  if (!row || row.usedAt || row.expiresAt <= now) return undefined;
  return { id: row.id, ...toAdminGrant(row), label: row.label, expiresAt: row.expiresAt };
}
