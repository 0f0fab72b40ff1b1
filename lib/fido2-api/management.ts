import type { TDeviceDto } from '../devices/device-dto';
import { AppError } from '../errors';
import type { TPasskeyDto } from '../passkeys/passkey-dto';
import type { TUserDto } from '../users/username';
import type { TProfileTarget } from '../users/profile-target';
import type { TUserDetailsDto } from '../users/find-user-details';
import type { TFido2ManagementCaller, TFido2UserCaller } from './authenticate';

/**
 * The 002 dialect's shapes of the profile and management answers, mapped from the core's DTOs,
 * and the caller → scope rules of those endpoints. Field names follow the 002 OpenAPI (`Passkey`,
 * `DeviceInfo`); where 002 leaves a shape open (management answers) the names are documented in
 * docs/openapi/fido2.yaml (`Mgmt*` schemas).
 */

/** The actor recorded in the audit trail for a management call. */
export function managementActor(caller: TFido2ManagementCaller): string {
  return `apikey:${caller.apiKeyId}`;
}

/** The community (and application) a management call may act in: its key's application's. */
export function managementScope(caller: TFido2ManagementCaller): { communityId: string; applicationId: string; actor: string } {
  return { communityId: caller.application.communityId, applicationId: caller.application.id, actor: managementActor(caller) };
}

/**
 * The profile a `profile/{id}` call acts on. A user's token reaches only its own profile: another
 * id is `users.not_found` (404, as if it did not exist). An application's key reaches the users of
 * its community (the use-case's query checks that).
 * @throws AppError `users.not_found`
 */
export function profileTargetOf(caller: TFido2UserCaller | TFido2ManagementCaller, id: string): TProfileTarget {
  if (caller.kind === 'user') {
    if (id !== caller.token.sub) throw new AppError('users.not_found', { detail: `token of ${caller.token.sub} used on profile ${id}` });
    return { communityId: caller.application.communityId, applicationId: caller.application.id, userId: id, actor: `user:${id}` };
  }
  return { ...managementScope(caller), userId: id };
}

/** 002 `Passkey`. */
export type TFido2Passkey = {
  id: string;
  name: string;
  aaguid: string;
  credentialId: string;
  credentialSynced: boolean;
  createdAt: string;
  lastUsedAt?: string;
  providerName?: string;
};

export function toFido2Passkey(p: TPasskeyDto): TFido2Passkey {
  return {
    id: p.id,
    name: p.name,
    aaguid: p.aaguid,
    credentialId: p.credentialId,
    credentialSynced: p.synced,
    createdAt: p.createdAt,
    ...(p.lastUsedAt ? { lastUsedAt: p.lastUsedAt } : {}),
    ...(p.providerName ? { providerName: p.providerName } : {}),
  };
}

/** 002 `DeviceInfo` with our device id and last use. */
export type TFido2Device = Omit<TDeviceDto, 'id' | 'userId'> & { deviceId: string };

export function toFido2Device(d: TDeviceDto): TFido2Device {
  const { id, createdAt, lastUsedAt, ...info } = d;
  return { deviceId: id, clientName: info.clientName, clientType: info.clientType, clientVersion: info.clientVersion, osName: info.osName, osVersion: info.osVersion, osArch: info.osArch, screenWidth: info.screenWidth, screenHeight: info.screenHeight, hasBluetooth: info.hasBluetooth, webauthnCapabilities: info.webauthnCapabilities, createdAt, lastUsedAt };
}

/** A user as management answers show it. */
export type TFido2MgmtUser = { id: string; username: string; displayName: string };

export function toFido2User(u: TUserDto): TFido2MgmtUser {
  return { id: u.id, username: u.username, displayName: u.displayName };
}

/** `GET mgmt/users?username=` answer. */
export function toFido2UserDetails(d: TUserDetailsDto) {
  return { user: d.user, passkeys: d.passkeys.map(toFido2Passkey), devices: d.devices.map(toFido2Device) };
}
