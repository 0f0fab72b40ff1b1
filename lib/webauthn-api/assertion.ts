import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import type { TLicenseDto } from '../licenses/license';
import { startAuthentication } from '../passkeys/start-authentication';
import { finishAuthentication } from '../passkeys/finish-authentication';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { authorizeTarget } from './authorize';
import { ZAssertionOptionsPayload, ZResultPayload, toCredentialJson } from './payloads';
import { newSessionInfo, sessionInfoBinding } from './session-info';

/**
 * `POST /webauthn/assertion/options` and `/webauthn/u1/assertion/options` (spec 000 "Fido AuthN
 * Authenticator"): authentication options for `username` (or the user with `dguid`), or
 * usernameless when neither is given. Unknown users get the decoy of startAuthentication.
 * @throws AppError `request.validation_failed`, `auth.forbidden`, `tenancy.community_not_found`
 */
export async function assertionOptions(options: { db: TDb; license: TLicenseDto; payload: unknown; decoyKey: Buffer; now?: Date }) {
  const { db, license } = options;
  const payload = parseInput(ZAssertionOptionsPayload, options.payload);
  await authorizeTarget(db, license, payload);
  let username = payload.username?.trim() || undefined;
  const dguid = payload.dguid?.trim();
  if (!username && dguid) {
    const user = await db.user.findFirst({ where: { communityId: payload.communityId, dguid }, select: { username: true } });
    // An unknown dguid is treated like an unknown username: the decoy, no enumeration.
    username = user?.username ?? `dguid:${dguid}`;
  }
  const { sessionInfo, binding } = newSessionInfo(license.id);
  const started = await startAuthentication({ db, communityId: payload.communityId, username, decoyKey: options.decoyKey, binding, now: options.now });
  return { ...started.options, status: 'ok' as const, errorMessage: '', sessionInfo };
}

/**
 * `POST /webauthn/assertion/result` and `/webauthn/u1/assertion/result`: verifies the assertion
 * for the ceremony `sessionInfo` names.
 * @throws AppError `request.validation_failed`, `auth.forbidden`, `tenancy.community_not_found`,
 *   and the errors of finishAuthentication
 */
export async function assertionResult(options: { db: TDb; license: TLicenseDto; payload: unknown; sessionInfo: string | undefined; meta?: TRequestMeta; now?: Date }) {
  const { db, license } = options;
  const payload = parseInput(ZResultPayload, options.payload);
  await authorizeTarget(db, license, payload);
  const binding = sessionInfoBinding(options.sessionInfo, license.id);
  const result = await finishAuthentication({ db, communityId: payload.communityId, response: toCredentialJson(payload), binding, meta: options.meta, now: options.now });
  return {
    sub: result.user.id,
    status: 'ok',
    errorMessage: '',
    username: result.user.username,
    displayName: result.user.displayName,
    credentialId: result.passkey.credentialId,
    aaguid: result.passkey.aaguid,
    userVerified: result.userVerified,
    amr: result.amr,
    authTime: Math.floor(result.authTime.getTime() / 1000),
  };
}
