import crypto from 'node:crypto';
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { ZDisplayName, ZUsername } from '../users/username';
import { createCeremony, newChallenge, type TCeremonyBinding } from './ceremony';
import { loadRpSettings, withRpOverride, type TRpOverride, type TRealm } from './rp';

export const ZSignUpInput = z.object({ username: ZUsername, displayName: ZDisplayName });
export type TSignUpInput = z.input<typeof ZSignUpInput>;

/** The account a sign-up ceremony will create once its passkey verifies (no partial state before). */
export type TPendingUser = { username: string; displayName: string; userHandle: string };

/**
 * Starts a registration ceremony (WebAuthn §7.1): for a new account (`signUp`) or to add a
 * passkey to an existing user (`userId`). Discoverable credentials are required so the passkey
 * works for usernameless sign-in and autofill; the user's existing passkeys are excluded so the
 * same authenticator isn't registered twice.
 * @throws AppError `tenancy.community_not_found`, `request.validation_failed`,
 *   `passkeys.username_taken`, `auth.unauthenticated` (userId not in the community)
 */
export async function startRegistration(options: {
  db: TTx;
  communityId: string;
  signUp?: TSignUpInput;
  userId?: string;
  /** Binds the ceremony to its caller; finishRegistration must then be given the same binding. */
  binding?: TCeremonyBinding;
  /** Relying party for this ceremony instead of the community's (the finish call must pass the same). */
  rp?: TRpOverride;
  /** `securityKey`: ask for a roaming authenticator (hint `security-key`, attachment cross-platform). */
  preferredAuthenticator?: 'securityKey';
  /**
   * `conditional`: the options are for conditional create (WebAuthn L3 §5.1.3, `mediation:
   * "conditional"`): the browser may create the passkey without a prompt, right after the user
   * signed in with a password manager, so the response can lack user presence (UP) and
   * finishRegistration then does not require it. User verification stays as the community says.
   */
  mediation?: 'conditional';
  /** Surface data kept with the ceremony and handed back by finishRegistration's `onRegistered`. */
  context?: Record<string, unknown>;
  /** The kind of community (default `users`; lib/admin passes `console`). */
  realm?: TRealm;
  now?: Date;
}): Promise<{ options: PublicKeyCredentialCreationOptionsJSON }> {
  const { db, communityId } = options;
  const rp = withRpOverride(await loadRpSettings(db, communityId, options.realm), options.rp);

  let user: { id: string | null; username: string; displayName: string; userHandle: string };
  let exclude: { id: string; transports?: string[] }[] = [];
  if (options.userId) {
    const row = await db.user.findFirst({
      where: { id: options.userId, communityId, status: 'active' },
      select: { id: true, username: true, displayName: true, userHandle: true, passkeys: { select: { credentialId: true, transports: true } } },
    });
    if (!row) throw new AppError('auth.unauthenticated', { detail: `user ${options.userId} not active in ${communityId}` });
    user = row;
    exclude = row.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as string[] }));
  } else {
    const input = parseInput(ZSignUpInput, options.signUp ?? {});
    const taken = await db.user.findUnique({ where: { communityId_username: { communityId, username: input.username } }, select: { id: true } });
    if (taken) throw new AppError('passkeys.username_taken', { detail: input.username });
    // WebAuthn §14.6.1: the user handle is random and opaque, never the username.
    user = { id: null, ...input, userHandle: crypto.randomBytes(32).toString('base64url') };
  }

  const challenge = newChallenge();
  const creation = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: user.username,
    userDisplayName: user.displayName,
    userID: Buffer.from(user.userHandle, 'base64url'),
    challenge,
    timeout: rp.timeoutMs,
    attestationType: rp.attestation,
    excludeCredentials: exclude,
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: rp.userVerification },
    supportedAlgorithmIDs: rp.algorithms,
    preferredAuthenticatorType: options.preferredAuthenticator,
  });
  const pending: TPendingUser | undefined = user.id ? undefined : { username: user.username, displayName: user.displayName, userHandle: user.userHandle };
  const data = {
    ...(pending ? { pendingUser: pending } : {}),
    ...(options.binding ? { binding: options.binding } : {}),
    ...(options.mediation ? { mediation: options.mediation } : {}),
    ...(options.context ? { context: options.context } : {}),
  };
  await createCeremony(db, { communityId, userId: user.id, kind: 'registration', challenge: creation.challenge, ttlMs: rp.timeoutMs, data, now: options.now });
  return { options: creation };
}
