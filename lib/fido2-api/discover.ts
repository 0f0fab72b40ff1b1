import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { TApplicationDto } from '../applications/application';
import { deriveKey } from '../crypto/tokens';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { startAuthentication } from '../passkeys/start-authentication';
import { startRegistration } from '../passkeys/start-registration';
import { ZUsername } from '../users/username';
import { ZDeviceInfo } from '../devices/record-device';
import { relyingPartyOf } from './relying-party';
import { newSession, sessionBinding } from './session';

export const ZDiscoverInput = z.object({
  deviceInfo: ZDeviceInfo.default({}),
  user: z.object({ username: ZUsername, displayName: z.string().trim().min(1).max(64).optional(), usernameType: z.enum(['email', 'phone', 'other']).optional() }),
  userAgent: z.string().max(1024).default(''),
});

/** How discovery matched the user: sign in with a passkey, or register one (an account without, or a new account). */
export type TMatchResult = 'PasskeyFound' | 'NoPasskeyFound' | 'UserNotFound';

export type TDiscoverResult = {
  matchResult: TMatchResult;
  session: string;
  userId?: string;
  authRequestOptions?: PublicKeyCredentialRequestOptionsJSON;
  regRequestOptions?: PublicKeyCredentialCreationOptionsJSON;
  lastLoginDeviceId?: string;
  lastLoginTs?: string;
};

/**
 * 002 mgmt "Discover passkey authentication options" (body `{deviceInfo, user, userAgent}`): an
 * application's back end asks what its user should do next, and gets the ceremony already
 * started through lib/passkeys, bound to the returned `session` and the application exactly as
 * auth/init and reg/init bind theirs (session.ts), so the application's front end finishes it
 * with `auth/complete` or `reg/complete`:
 * - a user with passkeys: authentication options listing them (`PasskeyFound`), with the time and
 *   device of the last sign-in;
 * - a user without passkeys: registration options for that user (`NoPasskeyFound`);
 * - an unknown username: registration options for a new account (`UserNotFound`) when the
 *   application allows sign-up, `users.not_found` otherwise.
 * The management caller is trusted with the answer (it names its own users), so this does not
 * hide whether a user exists the way the public start calls do.
 * @throws AppError `request.validation_failed`, `users.not_found`, `passkeys.user_disabled`
 */
export async function discoverPasskeyOptions(options: {
  db: TDb;
  kek: Buffer;
  application: TApplicationDto;
  input: unknown;
  now?: Date;
}): Promise<TDiscoverResult> {
  const { db, application } = options;
  const communityId = application.communityId;
  const input = parseInput(ZDiscoverInput, options.input);
  const user = await db.user.findFirst({
    where: { communityId, username: input.user.username },
    select: { id: true, status: true, passkeys: { select: { lastUsedAt: true, deviceId: true }, orderBy: { lastUsedAt: { sort: 'desc', nulls: 'last' } } } },
  });
  if (user && user.status !== 'active') throw new AppError('passkeys.user_disabled', { detail: user.id });
  if (!user && !application.allowSignUp) throw new AppError('users.not_found', { detail: `discover of unknown username, sign-up off for ${application.id}` });
  const session = newSession(application.id);
  const binding = sessionBinding(application.id, session);
  // The relying party of the application's ceremonies (its origins); no Origin: a back-end call.
  const rp = await relyingPartyOf({ db, app: application, browserOrigin: null });
  const context = { deviceInfo: input.deviceInfo };

  if (user && user.passkeys.length > 0) {
    const { options: authRequestOptions } = await startAuthentication({ db, communityId, username: input.user.username, decoyKey: deriveKey(options.kek, 'decoy-credentials'), binding, rp, context, now: options.now });
    const last = user.passkeys[0]!;
    return {
      matchResult: 'PasskeyFound',
      session,
      userId: user.id,
      authRequestOptions,
      ...(last.deviceId ? { lastLoginDeviceId: last.deviceId } : {}),
      ...(last.lastUsedAt ? { lastLoginTs: last.lastUsedAt.toISOString() } : {}),
    };
  }
  if (user) {
    const { options: regRequestOptions } = await startRegistration({ db, communityId, userId: user.id, binding, rp, context, now: options.now });
    return { matchResult: 'NoPasskeyFound', session, userId: user.id, regRequestOptions };
  }
  const signUp = { username: input.user.username, displayName: input.user.displayName ?? input.user.username };
  const { options: regRequestOptions } = await startRegistration({ db, communityId, signUp, binding, rp, context, now: options.now });
  return { matchResult: 'UserNotFound', session, regRequestOptions };
}
