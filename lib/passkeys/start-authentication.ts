import crypto from 'node:crypto';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { ZUsername } from '../users/username';
import { createCeremony, newChallenge, type TCeremonyBinding } from './ceremony';
import { loadRpSettings, withRpOverride, type TRpOverride, type TRealm } from './rp';

/**
 * Starts an authentication ceremony (WebAuthn §7.2). Without a username it is usernameless
 * (discoverable credentials; what autofill / conditional mediation uses). With a username the
 * user's passkeys are listed in `allowCredentials` with their transports. A username without
 * passkeys (unknown, or an account with none) gets a decoy credential instead: an id derived
 * from the username with a secret key, the same on every call, so the answer does not reveal
 * who has an account; the browser then finds no passkey and the sign-in simply fails.
 *
 * A transaction confirmation (`kind: 'transaction'`) is the same ceremony over a given
 * challenge (the transaction's commitment) for a user the caller already resolved (`userId`).
 * @throws AppError `tenancy.community_not_found`
 */
export async function startAuthentication(options: {
  db: TTx;
  communityId: string;
  username?: string;
  /** Secret for decoy credential ids (deriveKey(kek, 'decoy-credentials')); needed with `username`. */
  decoyKey?: Buffer;
  /** Binds the ceremony to its caller; finishAuthentication must then be given the same binding. */
  binding?: TCeremonyBinding;
  /** Relying party for this ceremony instead of the community's (the finish call must pass the same). */
  rp?: TRpOverride;
  /** `transaction`: finished only by finishAuthentication with the same kind; never a sign-in. */
  kind?: 'authentication' | 'transaction';
  /**
   * The challenge bytes to sign instead of random ones: a transaction's commitment (the options
   * carry them base64url). They must be unpredictable and unique (ceremony challenges are
   * unique); the caller guarantees both.
   */
  challenge?: Uint8Array;
  /**
   * The user the ceremony is for, already resolved by the caller (instead of `username`): only
   * their passkeys are accepted at finish. `allowCredentials` stays empty (their passkeys are
   * discoverable), so the options give away no credential ids.
   */
  userId?: string;
  /** How long the ceremony can be answered (default: the community's timeout). */
  ttlMs?: number;
  /** Surface data kept with the ceremony and handed back by finishAuthentication's `onVerified`. */
  context?: Record<string, unknown>;
  /** The kind of community (default `users`; lib/admin passes `console`). */
  realm?: TRealm;
  now?: Date;
}): Promise<{ options: PublicKeyCredentialRequestOptionsJSON }> {
  const { db, communityId } = options;
  const rp = withRpOverride(await loadRpSettings(db, communityId, options.realm), options.rp);
  let user: { id: string; passkeys: { credentialId: string; transports: unknown }[] } | null = null;
  const username = options.username === undefined || options.userId !== undefined ? undefined : ZUsername.safeParse(options.username);
  if (username?.success) {
    user = await db.user.findUnique({
      where: { communityId_username: { communityId, username: username.data } },
      select: { id: true, passkeys: { select: { credentialId: true, transports: true } } },
    });
  }
  let allowCredentials = user?.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as string[] })) ?? [];
  if (username?.success && allowCredentials.length === 0) {
    if (!options.decoyKey) throw new AppError('service.internal', { detail: 'startAuthentication with a username needs a decoyKey' });
    const id = crypto.createHmac('sha256', options.decoyKey).update(`${communityId}\n${username.data}`).digest().toString('base64url');
    allowCredentials = [{ id, transports: ['internal', 'hybrid'] }];
  }
  const request = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: options.challenge ? new Uint8Array(options.challenge) : newChallenge(),
    timeout: rp.timeoutMs,
    userVerification: rp.userVerification,
    allowCredentials,
  });
  const data = { ...(options.binding ? { binding: options.binding } : {}), ...(options.context ? { context: options.context } : {}) };
  await createCeremony(db, {
    communityId,
    userId: options.userId ?? user?.id ?? null,
    kind: options.kind ?? 'authentication',
    challenge: request.challenge,
    ttlMs: options.ttlMs ?? rp.timeoutMs,
    data,
    now: options.now,
  });
  return { options: request };
}
