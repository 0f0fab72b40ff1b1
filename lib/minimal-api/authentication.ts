import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { finishAuthentication } from '../passkeys/finish-authentication';
import { startAuthentication } from '../passkeys/start-authentication';
import type { TMinimalApiCaller } from './authenticate-call';
import { ZAuthenticationRequestBody, ZCeremonyResponseBody } from './bodies';
import { bindingOf, newSession, rpOf } from './ceremony-binding';

/**
 * `POST /webauthn/authentication/request` (spec 001): usernameless by default (discoverable
 * credentials); with `userName` the user's passkeys are listed (a decoy for unknown names, see
 * startAuthentication).
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`
 */
export async function requestAuthentication(options: {
  db: TDb;
  caller: TMinimalApiCaller;
  body: unknown;
  decoyKey: Buffer;
  now?: Date;
}): Promise<{ session: string; publicKeyCredentialRequestOptions: PublicKeyCredentialRequestOptionsJSON }> {
  const { db, caller } = options;
  const body = parseInput(ZAuthenticationRequestBody, options.body);
  const session = newSession();
  const started = await startAuthentication({
    db,
    communityId: caller.communityId,
    username: body.userName?.trim() ? body.userName : undefined,
    decoyKey: options.decoyKey,
    binding: bindingOf(caller, session),
    rp: rpOf(caller),
    now: options.now,
  });
  return { session, publicKeyCredentialRequestOptions: started.options };
}

/**
 * `POST /webauthn/authentication/response` (spec 001): verifies the assertion for the ceremony of
 * the request call whose `session` is given, from the same key and origin.
 * @throws AppError `request.validation_failed`, `passkeys.challenge_invalid`, `passkeys.challenge_expired`,
 *   `passkeys.unknown_credential`, `passkeys.verification_failed`, `passkeys.authenticator_not_allowed`,
 *   `passkeys.user_disabled`
 */
export async function respondAuthentication(options: {
  db: TDb;
  caller: TMinimalApiCaller;
  body: unknown;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ verified: true; userId: string }> {
  const { db, caller } = options;
  const body = parseInput(ZCeremonyResponseBody, options.body);
  const result = await finishAuthentication({
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
