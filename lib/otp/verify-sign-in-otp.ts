import type { TDb } from '../db';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { issueJwtAccess, type TFido2Scope } from '../tokens/jwt-access';
import { findUserByLogin } from '../users/find-user-by-login';
import { consumeOtp } from './consume-otp';

/**
 * Scopes of the token a code sign-in returns. A code proves control of a mailbox, a phone or a
 * signed-in session elsewhere — not possession of a passkey — so it may add a passkey (the usual
 * reason to sign in with a code on a new device), read, and request codes, but not delete
 * passkeys or change the profile (`passkey:write`, `profile:write`): those need a passkey sign-in.
 */
export const OTP_SIGN_IN_SCOPES: readonly TFido2Scope[] = ['passkey:read', 'profile:read', 'reg:write', 'auth:write'];

/**
 * Signs a user in with a code (002 `POST auth/otp/verify`): the code must be the user's newest
 * live sign-in code of this application (consume-otp.ts); on success a jwtAccess for the
 * application with {@link OTP_SIGN_IN_SCOPES}. An unknown login name is refused exactly like a
 * wrong code.
 * @throws AppError `otp.invalid_code`
 */
export async function verifySignInOtp(options: {
  db: TDb;
  kek: Buffer;
  origin: string;
  application: { id: string; communityId: string; tokenTtlSeconds: number };
  login: string;
  code: string;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ jwtAccess: string; userId: string }> {
  const { db, application } = options;
  const user = await findUserByLogin({ db, communityId: application.communityId, username: options.login });
  return consumeOtp({
    db,
    kek: options.kek,
    communityId: application.communityId,
    applicationId: application.id,
    userId: user?.id ?? null,
    purpose: 'auth',
    code: options.code,
    actor: user ? `user:${user.id}` : 'anonymous',
    meta: options.meta,
    now: options.now,
    onConsumed: async (tx) => {
      const jwtAccess = await issueJwtAccess({ db: tx, kek: options.kek, origin: options.origin, app: application, user: user!, scopes: OTP_SIGN_IN_SCOPES, now: options.now });
      return { jwtAccess, userId: user!.id };
    },
  });
}
