import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { finishRegistration } from '../passkeys/finish-registration';
import { startRegistration } from '../passkeys/start-registration';
import { ZDisplayName, ZUsername } from '../users/username';
import type { TMinimalApiCaller } from './authenticate-call';
import { ZCeremonyResponseBody, ZRegistrationRequestBody } from './bodies';
import { bindingOf, newSession, rpOf } from './ceremony-binding';

const ZSignUpFields = z.object({ userName: ZUsername, userDisplayName: ZDisplayName });

/**
 * `POST /webauthn/registration/request` (spec 001). Without `userId` it signs a new user up with
 * `userName` (which must be free in the community); with `userId` (our id, as a response call
 * returned it) it adds a passkey to that existing user, whose name must be `userName`. Knowing a
 * username alone never lets a caller add a passkey to someone else's account.
 * @throws AppError `request.validation_failed`, `passkeys.username_taken`, `tenancy.community_not_found`
 */
export async function requestRegistration(options: {
  db: TDb;
  caller: TMinimalApiCaller;
  body: unknown;
  now?: Date;
}): Promise<{ session: string; publicKeyCredentialCreationOptions: PublicKeyCredentialCreationOptionsJSON }> {
  const { db, caller } = options;
  const body = parseInput(ZRegistrationRequestBody, options.body);
  const session = newSession();
  const common = { db, communityId: caller.communityId, binding: bindingOf(caller, session), rp: rpOf(caller), now: options.now };
  let started;
  if (body.userId !== undefined) {
    const userName = parseInput(ZUsername, body.userName);
    const user = await db.user.findFirst({ where: { id: body.userId, communityId: caller.communityId, username: userName }, select: { id: true } });
    if (!user) {
      const message = 'No user with this userId and userName.';
      throw new AppError('request.validation_failed', { detail: `user ${body.userId} / ${userName}`, fields: { userId: message }, publicMessage: `Validation error: userId: ${message}` });
    }
    started = await startRegistration({ ...common, userId: user.id });
  } else {
    // Checked here too so that validation errors name this API's fields (userName, userDisplayName).
    const input = parseInput(ZSignUpFields, { userName: body.userName, userDisplayName: body.userDisplayName?.trim() ? body.userDisplayName : body.userName });
    started = await startRegistration({ ...common, signUp: { username: input.userName, displayName: input.userDisplayName } });
  }
  return { session, publicKeyCredentialCreationOptions: started.options };
}

/**
 * `POST /webauthn/registration/response` (spec 001): finishes the ceremony of the request call
 * whose `session` is given, from the same key and origin, and stores the passkey (creating the
 * user for a sign-up).
 * @throws AppError `request.validation_failed`, `passkeys.challenge_invalid`, `passkeys.challenge_expired`,
 *   `passkeys.verification_failed`, `passkeys.authenticator_not_allowed`, `passkeys.credential_exists`,
 *   `passkeys.username_taken`
 */
export async function respondRegistration(options: {
  db: TDb;
  caller: TMinimalApiCaller;
  body: unknown;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ verified: true; userId: string }> {
  const { db, caller } = options;
  const body = parseInput(ZCeremonyResponseBody, options.body);
  const result = await finishRegistration({
    db,
    communityId: caller.communityId,
    response: body.publicKeyCredential,
    binding: bindingOf(caller, body.session),
    rp: rpOf(caller),
    meta: options.meta,
    now: options.now,
  });
  return { verified: true, userId: result.user.id };
}
