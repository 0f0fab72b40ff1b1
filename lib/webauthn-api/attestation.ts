import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import type { TLicenseDto } from '../licenses/license';
import { ZUsername } from '../users/username';
import { startRegistration } from '../passkeys/start-registration';
import { finishRegistration } from '../passkeys/finish-registration';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { authorizeTarget } from './authorize';
import { ZAttestationOptionsPayload, ZResultPayload, toCredentialJson } from './payloads';
import { newSessionInfo, sessionInfoBinding } from './session-info';

/**
 * `POST /webauthn/attestation/options` and `/webauthn/u1/attestation/options` (spec 000 "Fido
 * Registration"): registration options for `username` in the community. An existing user gets a
 * ceremony that adds a passkey; a new username one that creates the account when the passkey
 * verifies (lib/passkeys). Answers the WebAuthn options JSON plus `status`, `errorMessage`
 * (WIRE-NOTES §1) and the `sessionInfo` the result call must send back.
 * @throws AppError `request.validation_failed`, `auth.forbidden`, `tenancy.community_not_found`
 */
export async function attestationOptions(options: { db: TDb; license: TLicenseDto; payload: unknown; now?: Date }) {
  const { db, license } = options;
  const payload = parseInput(ZAttestationOptionsPayload, options.payload);
  await authorizeTarget(db, license, payload);
  const username = parseInput(ZUsername, payload.username);
  const existing = await db.user.findUnique({
    where: { communityId_username: { communityId: payload.communityId, username } },
    select: { id: true },
  });
  const { sessionInfo, binding } = newSessionInfo(license.id);
  const displayName = payload.displayName?.trim() || username;
  const started = await startRegistration({
    db,
    communityId: payload.communityId,
    ...(existing ? { userId: existing.id } : { signUp: { username, displayName } }),
    binding,
    now: options.now,
  });
  return { ...started.options, status: 'ok' as const, errorMessage: '', sessionInfo };
}

/**
 * `POST /webauthn/attestation/result` and `/webauthn/u1/attestation/result`: verifies the
 * attestation of the ceremony `sessionInfo` names and stores the passkey (and the new account).
 * @throws AppError `request.validation_failed`, `auth.forbidden`, `tenancy.community_not_found`,
 *   and the errors of finishRegistration
 */
export async function attestationResult(options: { db: TDb; license: TLicenseDto; payload: unknown; sessionInfo: string | undefined; meta?: TRequestMeta; now?: Date }) {
  const { db, license } = options;
  const payload = parseInput(ZResultPayload, options.payload);
  await authorizeTarget(db, license, payload);
  const binding = sessionInfoBinding(options.sessionInfo, license.id);
  const result = await finishRegistration({ db, communityId: payload.communityId, response: toCredentialJson(payload), binding, meta: options.meta, now: options.now });
  return {
    sub: result.user.id,
    status: 'ok',
    errorMessage: '',
    username: result.user.username,
    displayName: result.user.displayName,
    credentialId: result.passkey.credentialId,
    aaguid: result.passkey.aaguid,
    created: result.created,
  };
}
