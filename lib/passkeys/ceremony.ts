import crypto from 'node:crypto';
import type { TTx } from '../db';
import { AppError } from '../errors';

/** `transaction`: an assertion over a transaction commitment (lib/transactions), never a sign-in. */
export type TCeremonyKind = 'registration' | 'authentication' | 'transaction';

/** A fresh 32-byte challenge, base64url (WebAuthn §13.4.3: at least 16 random bytes). */
export function newChallenge(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export async function createCeremony(
  db: TTx,
  input: { communityId: string; userId?: string | null; kind: TCeremonyKind; challenge: string; ttlMs: number; data?: Record<string, unknown>; now?: Date },
): Promise<{ id: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + input.ttlMs);
  const row = await db.ceremony.create({
    data: { communityId: input.communityId, userId: input.userId ?? null, kind: input.kind, challenge: input.challenge, data: (input.data ?? {}) as object, createdAt: now, expiresAt },
    select: { id: true },
  });
  return { id: row.id, expiresAt };
}

export type TConsumedCeremony = { id: string; userId: string | null; data: Record<string, unknown> };

/**
 * Consumes the ceremony a response answers, before anything is verified (ARCHITECTURE.md rules):
 * one `DELETE … RETURNING` by the unique challenge, so of two concurrent uses exactly one gets the
 * row. The row is gone afterwards whatever the outcome, so a challenge is never answered twice.
 * @throws AppError `passkeys.challenge_invalid` (unknown, used, another community or kind),
 *   `passkeys.challenge_expired`
 */
export async function consumeCeremony(
  db: TTx,
  input: { communityId: string; kind: TCeremonyKind; challenge: string; now?: Date },
): Promise<TConsumedCeremony> {
  const now = input.now ?? new Date();
  let row;
  try {
    row = await db.ceremony.delete({ where: { challenge: input.challenge } });
  } catch (e) {
    if ((e as { code?: string }).code === 'P2025') throw new AppError('passkeys.challenge_invalid', { detail: 'unknown or already used challenge' });
    throw e;
  }
  if (row.communityId !== input.communityId || row.kind !== input.kind) {
    throw new AppError('passkeys.challenge_invalid', { detail: `ceremony ${row.id} is ${row.kind} of ${row.communityId}` });
  }
  if (row.expiresAt <= now) throw new AppError('passkeys.challenge_expired', { detail: `ceremony ${row.id} expired at ${row.expiresAt.toISOString()}` });
  return { id: row.id, userId: row.userId, data: row.data as Record<string, unknown> };
}

/** The surface data a ceremony was started with (`context` of startAuthentication / startRegistration). */
export function ceremonyContext(ceremony: TConsumedCeremony): Record<string, unknown> {
  const context = ceremony.data.context;
  return context && typeof context === 'object' && !Array.isArray(context) ? (context as Record<string, unknown>) : {};
}

/** Removes expired ceremonies (housekeeping; consumption never depends on it). */
export async function purgeExpiredCeremonies(db: TTx, now: Date = new Date()): Promise<number> {
  const { count } = await db.ceremony.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}

/**
 * What a surface binds a ceremony to when it starts it (e.g. the 000 dialect: the hash of the
 * `sessionInfo` it handed out and the calling license), so that only the same caller can finish
 * it. Stored in the ceremony's data; values are compared exactly.
 */
export type TCeremonyBinding = Record<string, string>;

/**
 * A ceremony started with a binding can only be finished with the same binding, and one started
 * without can't be finished by a surface that binds: a response can never complete another
 * caller's ceremony (or one of another surface).
 * @throws AppError `passkeys.challenge_invalid`
 */
export function assertCeremonyBinding(ceremony: TConsumedCeremony, binding: TCeremonyBinding | undefined): void {
  const stored = ceremony.data.binding as TCeremonyBinding | undefined;
  if (stored === undefined && binding === undefined) return;
  const keys = new Set([...Object.keys(stored ?? {}), ...Object.keys(binding ?? {})]);
  const same = stored !== undefined && binding !== undefined && [...keys].every((k) => typeof stored[k] === 'string' && stored[k] === binding[k]);
  if (!same) throw new AppError('passkeys.challenge_invalid', { detail: `ceremony ${ceremony.id} is bound to another caller` });
}
