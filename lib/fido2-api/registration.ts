import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import type { TFido2UserCaller } from './authenticate';
import { finishRegistration } from '../passkeys/finish-registration';
import { startRegistration } from '../passkeys/start-registration';
import { ZUsername } from '../users/username';
import { ZRegCompleteBody, ZRegInitBody } from './bodies';
import { resolveTarget, type TFido2CompleteOptions } from './relying-party';
import { newSession, sessionBinding, sessionRef } from './session';
import { recordCeremonyDevice, signedInAnswer, type TFido2SignedIn } from './signed-in';

/** OpenAPI `RegInit`. Latchkey always answers `proceed` (or an error); see regInit. */
export type TRegInitAnswer = { action: 'proceed'; registrationRequestOptions: PublicKeyCredentialCreationOptionsJSON; session: string };

/**
 * `POST /fido2/v2/reg/init`: starts a passkey registration for the application `app.id`.
 *
 * - With a Bearer jwtAccess (`reg:write`) of that application: another passkey for the token's
 *   user (a `user.username` in the body, if any, must be theirs). A token of another application
 *   is refused like an invalid one.
 * - Without a token: the first passkey of a new user `user.username` (display name
 *   `user.displayName`, else the username), if the application allows sign-up; the user is
 *   created by reg/complete only. A taken username, or sign-up switched off, is
 *   `fido2.sign_in_required` (401): the account's owner signs in and comes back with a token.
 *
 * `passkeyOptions.securityKey` asks for a roaming authenticator, `conditionalCreate` prepares
 * conditional create (the page passes `mediation: "conditional"` to create(); user presence is
 * then not required at reg/complete). Passkeys are always discoverable, so that they work for
 * usernameless sign-in. The `action` values `signIn` and `fail` are not used.
 * @throws AppError `request.validation_failed`, `applications.not_found`, `fido2.origin_not_allowed`,
 *   `auth.unauthenticated`, `auth.forbidden`, `fido2.sign_in_required`
 */
export async function regInit(options: { db: TDb; body: unknown; browserOrigin: string | null; caller?: TFido2UserCaller; now?: Date }): Promise<TRegInitAnswer> {
  const { db, caller } = options;
  const body = parseInput(ZRegInitBody, options.body);
  const { app, rp } = await resolveTarget({ db, appId: body.app.id, browserOrigin: options.browserOrigin });
  if (caller && caller.application.id !== app.id) throw new AppError('auth.unauthenticated', { detail: `jwtAccess of application ${caller.application.id}, not ${app.id}` });
  const session = newSession(app.id);
  const common = {
    db,
    communityId: app.communityId,
    binding: sessionBinding(app.id, session),
    rp,
    preferredAuthenticator: body.passkeyOptions?.securityKey ? ('securityKey' as const) : undefined,
    mediation: body.passkeyOptions?.conditionalCreate ? ('conditional' as const) : undefined,
    context: { deviceInfo: body.deviceInfo },
    now: options.now,
  };
  if (caller) {
    const named = body.user?.username ? ZUsername.safeParse(body.user.username) : undefined;
    if (named && (!named.success || named.data !== caller.token.username)) throw new AppError('auth.forbidden', { detail: 'user.username is not the token’s user' });
    const { options: creation } = await startRegistration({ ...common, userId: caller.token.sub });
    return { action: 'proceed', registrationRequestOptions: creation, session };
  }
  if (!app.allowSignUp) throw new AppError('fido2.sign_in_required', { detail: `application ${app.id} does not allow sign-up` });
  const user = body.user;
  if (!user) throw new AppError('request.validation_failed', { fields: { user: 'required without a Bearer token' }, publicMessage: 'Validation error: user: required without a Bearer token' });
  try {
    const { options: creation } = await startRegistration({ ...common, signUp: { username: user.username, displayName: user.displayName?.trim() || user.username } });
    return { action: 'proceed', registrationRequestOptions: creation, session };
  } catch (e) {
    if (e instanceof AppError && e.code === 'passkeys.username_taken') throw new AppError('fido2.sign_in_required', { detail: e.detail, cause: e });
    throw e;
  }
}

/**
 * `POST /fido2/v2/reg/complete`: verifies the new credential (OpenAPI `CreationResult`) for the
 * ceremony of the reg/init call whose `session` is given, creates the user (sign-up) and the
 * passkey (named `passkeyName` if given), records the device, and returns a jwtAccess.
 * @throws AppError `request.validation_failed`, `applications.not_found`, `fido2.origin_not_allowed`,
 *   `passkeys.challenge_invalid`, `passkeys.challenge_expired`, `passkeys.verification_failed`,
 *   `passkeys.authenticator_not_allowed`, `passkeys.credential_exists`, `passkeys.username_taken`
 */
export async function regComplete(options: TFido2CompleteOptions): Promise<TFido2SignedIn> {
  const { db } = options;
  const body = parseInput(ZRegCompleteBody, options.body);
  const { app, rp } = await resolveTarget({ db, appId: sessionRef(body.session), browserOrigin: options.browserOrigin });
  const c = body.creationResult;
  const response = {
    id: c.credentialId,
    rawId: c.credentialId,
    type: 'public-key',
    response: {
      clientDataJSON: c.clientDataJSON,
      attestationObject: c.attestationObject,
      ...(c.transports ? { transports: c.transports } : {}),
      ...(c.publicKeyAlgorithm !== undefined ? { publicKeyAlgorithm: c.publicKeyAlgorithm } : {}),
      ...(c.authenticatorData ? { authenticatorData: c.authenticatorData } : {}),
    },
    clientExtensionResults: {},
  };
  let deviceId = '';
  const result = await finishRegistration({
    db,
    communityId: app.communityId,
    response,
    binding: sessionBinding(app.id, body.session),
    rp,
    name: body.passkeyName,
    meta: options.meta,
    now: options.now,
    onRegistered: async (tx, { result: r, context }) => {
      deviceId = await recordCeremonyDevice(tx, { communityId: app.communityId, userId: r.user.id, passkeyId: r.passkey.id, context, now: options.now });
    },
  });
  return signedInAnswer({ db, kek: options.kek, origin: options.origin, app, user: result.user, passkey: result.passkey, deviceId, now: options.now });
}
