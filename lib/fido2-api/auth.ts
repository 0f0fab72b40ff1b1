import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { finishAuthentication } from '../passkeys/finish-authentication';
import { assertAaguidAllowed, loadRpSettings } from '../passkeys/rp';
import { startAuthentication } from '../passkeys/start-authentication';
import { ZUsername } from '../users/username';
import { ZAuthCompleteBody, ZAuthInitBody } from './bodies';
import { resolveTarget, type TFido2CompleteOptions } from './relying-party';
import { newSession, sessionBinding, sessionRef } from './session';
import { recordCeremonyDevice, signedInAnswer, type TFido2SignedIn } from './signed-in';

export type TCrossAuthMethod = 'otp' | 'otp:email' | 'otp:sms';

/** OpenAPI `AuthInit`. */
export type TAuthInitAnswer = {
  action: 'proceed' | 'crossAuth' | 'fallback';
  assertionOptions: PublicKeyCredentialRequestOptionsJSON;
  crossAuthMethods: TCrossAuthMethod[];
  fallbackMethods: string[];
  session: string;
};

/** A typed username, normalised; empty means usernameless. */
function usernameOf(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = ZUsername.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'is not valid';
    throw new AppError('request.validation_failed', { fields: { 'user.username': message }, publicMessage: `Validation error: user.username: ${message}` });
  }
  return parsed.data;
}

/**
 * The OTP channels to offer instead of a passkey: only for an active user of the community who
 * has no passkey usable here (none, or all refused by the community's AAGUID policy for
 * authentication) but a verified email (`otp:email`) or a verified phone with messaging consent
 * (`otp:sms`); `otp` (a code from the user's signed-in device) comes first whenever one does.
 */
async function crossAuthMethodsOf(db: TTx, communityId: string, username: string): Promise<TCrossAuthMethod[]> {
  const user = await db.user.findUnique({
    where: { communityId_username: { communityId, username } },
    select: { status: true, email: true, emailVerified: true, phone: true, phoneVerified: true, messagingConsent: true, passkeys: { select: { aaguid: true } } },
  });
  if (!user || user.status !== 'active') return [];
  if (user.passkeys.length > 0) {
    const rp = await loadRpSettings(db, communityId);
    const usable = user.passkeys.some((p) => {
      try {
        assertAaguidAllowed(rp, 'authentication', p.aaguid);
        return true;
      } catch {
        return false;
      }
    });
    if (usable) return [];
  }
  const channels: TCrossAuthMethod[] = [];
  if (user.email && user.emailVerified) channels.push('otp:email');
  if (user.phone && user.phoneVerified && user.messagingConsent) channels.push('otp:sms');
  return channels.length > 0 ? ['otp', ...channels] : [];
}

/**
 * `POST /fido2/v2/auth/init`: starts a passkey sign-in for the application `app.id`, usernameless
 * or for `user.username`.
 *
 * `action` is `crossAuth` (with its methods) for a named user who cannot use a passkey here but
 * has a verified OTP channel — the flow needs the application to know that, so it is the one
 * thing the answer reveals about a name. Everything else is `proceed`: the user's passkeys, or
 * for an unknown name, a disabled account or one without passkeys or channels a decoy credential
 * (see startAuthentication), so the answer does not tell them apart and the sign-in fails in the
 * browser. `fallback` is not sent: Latchkey has no fallback methods an application can enable,
 * and answering it for names without passkeys would reveal which names have one.
 * @throws AppError `request.validation_failed`, `applications.not_found`, `fido2.origin_not_allowed`
 */
export async function authInit(options: { db: TDb; body: unknown; browserOrigin: string | null; decoyKey: Buffer; now?: Date }): Promise<TAuthInitAnswer> {
  const { db } = options;
  const body = parseInput(ZAuthInitBody, options.body);
  const username = usernameOf(body.user?.username);
  const { app, rp } = await resolveTarget({ db, appId: body.app.id, browserOrigin: options.browserOrigin });
  const crossAuthMethods = username ? await crossAuthMethodsOf(db, app.communityId, username) : [];
  const session = newSession(app.id);
  const { options: assertionOptions } = await startAuthentication({
    db,
    communityId: app.communityId,
    username,
    decoyKey: options.decoyKey,
    binding: sessionBinding(app.id, session),
    rp,
    context: { deviceInfo: body.deviceInfo },
    now: options.now,
  });
  return { action: crossAuthMethods.length > 0 ? 'crossAuth' : 'proceed', assertionOptions, crossAuthMethods, fallbackMethods: [], session };
}

/**
 * `POST /fido2/v2/auth/complete`: verifies the assertion (OpenAPI `AuthenticatorAssertionResponse`,
 * binary fields base64url or base64) for the ceremony of the auth/init call whose `session` is
 * given, records the device, and returns a jwtAccess for the application.
 * @throws AppError `request.validation_failed`, `applications.not_found`, `fido2.origin_not_allowed`,
 *   `passkeys.challenge_invalid`, `passkeys.challenge_expired`, `passkeys.unknown_credential`,
 *   `passkeys.verification_failed`, `passkeys.authenticator_not_allowed`, `passkeys.user_disabled`
 */
export async function authComplete(options: TFido2CompleteOptions): Promise<TFido2SignedIn> {
  const { db } = options;
  const body = parseInput(ZAuthCompleteBody, options.body);
  const { app, rp } = await resolveTarget({ db, appId: sessionRef(body.session), browserOrigin: options.browserOrigin });
  const a = body.assertionResult;
  const response = {
    id: a.credentialId,
    rawId: a.credentialId,
    type: 'public-key',
    response: { authenticatorData: a.authenticatorData, clientDataJSON: a.clientDataJSON, signature: a.signature, ...(a.userHandle ? { userHandle: a.userHandle } : {}) },
    clientExtensionResults: {},
  };
  let deviceId = '';
  const result = await finishAuthentication({
    db,
    communityId: app.communityId,
    response,
    binding: sessionBinding(app.id, body.session),
    rp,
    meta: options.meta,
    now: options.now,
    onVerified: async (tx, { result: r, context }) => {
      deviceId = await recordCeremonyDevice(tx, { communityId: app.communityId, userId: r.user.id, passkeyId: r.passkey.id, context, now: options.now });
    },
  });
  return signedInAnswer({ db, kek: options.kek, origin: options.origin, app, user: result.user, passkey: result.passkey, deviceId, now: options.now });
}
