import type { TDb } from '../db';
import { finishAuthentication } from '../passkeys/finish-authentication';
import { finishRegistration } from '../passkeys/finish-registration';
import type { TRequestMeta } from '../passkeys/audit-failure';
import type { TPasskeyDto } from '../passkeys/passkey-dto';
import { communityIssuer, issueProofOfAuthentication } from '../tokens/proof-of-authentication';
import type { TUserDto } from '../users/username';
import { createSession } from './sessions';

type TSignedIn = { user: TUserDto; session: { token: string; expiresAt: Date }; proofOfAuthenticationJwt: string };

/**
 * Hosted sign-in: verify the assertion, open a session and sign the proof-of-authentication JWT.
 * @throws AppError as finishAuthentication
 */
export async function signInWithPasskey(options: { db: TDb; kek: Buffer; origin: string; communityId: string; response: unknown; meta?: TRequestMeta; now?: Date }): Promise<TSignedIn> {
  const result = await finishAuthentication(options);
  const session = await createSession({ db: options.db, communityId: options.communityId, userId: result.user.id, amr: result.amr, authTime: result.authTime, now: options.now });
  const proofOfAuthenticationJwt = await issueProofOfAuthentication({
    db: options.db,
    kek: options.kek,
    issuer: communityIssuer(options.origin, options.communityId),
    now: options.now,
    claims: {
      sub: result.user.id,
      username: result.user.username,
      community: options.communityId,
      tenant: result.tenantId,
      amr: result.amr,
      auth_time: Math.floor(result.authTime.getTime() / 1000),
      aaguid: result.passkey.aaguid,
      cid: result.passkey.credentialId,
    },
  });
  return { user: result.user, session, proofOfAuthenticationJwt };
}

/**
 * Hosted registration: a sign-up creates the account and signs the new user in; a signed-in
 * user adding a passkey keeps their session.
 * @throws AppError as finishRegistration
 */
export async function registerWithPasskey(options: { db: TDb; communityId: string; response: unknown; userId?: string; meta?: TRequestMeta; now?: Date }): Promise<{ user: TUserDto; passkey: TPasskeyDto; session?: { token: string; expiresAt: Date } }> {
  const result = await finishRegistration(options);
  if (!result.created) return { user: result.user, passkey: result.passkey };
  // A fresh sign-up proved possession of the new passkey in the same ceremony.
  const session = await createSession({ db: options.db, communityId: options.communityId, userId: result.user.id, amr: ['pop'], authTime: options.now ?? new Date(), now: options.now });
  return { user: result.user, passkey: result.passkey, session };
}
