import type { TDb } from '../db';
import { getAuthenticatorMetadata } from '../metadata/get-authenticator-metadata';
import { deletePasskey, listPasskeys, renamePasskey, type TPasskeyOwner } from '../passkeys/manage-passkeys';
import type { TFido2UserCaller } from './authenticate';
import { toFido2Passkey, type TFido2Passkey } from './passkey-dto';

/**
 * The passkey endpoints of the FIDO2 API 2.0 (`/fido2/v2/passkeys`, Bearer jwtAccess) over
 * lib/passkeys/manage-passkeys.ts. The owner is the token's user in the token's community, so a
 * passkey of anyone else — another user, another community — is simply not found (404) and
 * stays as it was.
 */

function ownerOf(caller: TFido2UserCaller): TPasskeyOwner {
  return { communityId: caller.application.communityId, userId: caller.token.sub };
}

/** An owner's passkeys in the 002 shape, newest first, with the device each was last used from. */
export async function fido2PasskeysOf(options: { db: TDb; owner: TPasskeyOwner }): Promise<TFido2Passkey[]> {
  const { owner } = options;
  const passkeys = await listPasskeys({ db: options.db, owner });
  const devices = await options.db.passkey.findMany({ where: { communityId: owner.communityId, userId: owner.userId }, select: { id: true, device: { select: { id: true, info: true, lastSeenAt: true } } } });
  const deviceOf = new Map(devices.map((d) => [d.id, d.device]));
  return passkeys.map((p) => toFido2Passkey(p, deviceOf.get(p.id)));
}

/** `GET /fido2/v2/passkeys` (`passkey:read`): the token user's passkeys. */
export async function listFido2Passkeys(options: { db: TDb; caller: TFido2UserCaller }): Promise<TFido2Passkey[]> {
  return fido2PasskeysOf({ db: options.db, owner: ownerOf(options.caller) });
}

/**
 * `PUT /fido2/v2/passkeys/{id}` (`passkey:write`) body `{name}`.
 * @throws AppError `request.validation_failed`, `passkeys.not_found`
 */
export async function renameFido2Passkey(options: { db: TDb; caller: TFido2UserCaller; passkeyId: string; body: unknown }): Promise<void> {
  await renamePasskey({ db: options.db, owner: ownerOf(options.caller), passkeyId: options.passkeyId, input: options.body });
}

/**
 * `DELETE /fido2/v2/passkeys/{id}` (`passkey:write`).
 * @throws AppError `passkeys.not_found`
 */
export async function deleteFido2Passkey(options: { db: TDb; caller: TFido2UserCaller; passkeyId: string }): Promise<void> {
  await deletePasskey({ db: options.db, owner: ownerOf(options.caller), passkeyId: options.passkeyId });
}

/** OpenAPI `Aaguid`. */
export type TFido2Aaguid = { id: string; name: string; iconLight: string; iconDark: string };

/**
 * `GET /fido2/v2/passkeys/aaguid/{aaguid}` (`passkey:read`): the name and icons of an
 * authenticator model as the token's community knows it (empty strings for missing icons).
 * @throws AppError `request.validation_failed`, `metadata.not_found`
 */
export async function getFido2AaguidMetadata(options: { db: TDb; caller: TFido2UserCaller; aaguid: string }): Promise<TFido2Aaguid> {
  const m = await getAuthenticatorMetadata({ db: options.db, communityId: options.caller.application.communityId, aaguid: options.aaguid });
  return { id: m.aaguid, name: m.name, iconLight: m.iconLight ?? '', iconDark: m.iconDark ?? '' };
}
