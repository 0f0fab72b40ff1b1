import { ZDeviceInfo } from '../devices/record-device';
import type { TPasskeyDto } from '../passkeys/passkey-dto';

/** OpenAPI `DeviceInfo` of a passkey's device: what the client reported, with our device id and last use. */
export type TFido2DeviceInfo = Record<string, unknown> & { deviceId: string; lastUsedAt: string };

/** OpenAPI `Passkey` (2026 shape; optional members are left out when unknown). */
export type TFido2Passkey = {
  id: string;
  name: string;
  aaguid: string;
  createdAt: string;
  credentialId: string;
  credentialSynced: boolean;
  lastUsedAt?: string;
  lastUsedFromDevice?: TFido2DeviceInfo;
  providerName?: string;
};

/** The stored client information of a device, allow-listed again on the way out. */
export function toFido2DeviceInfo(device: { id: string; info: unknown; lastSeenAt: Date }): TFido2DeviceInfo {
  const info = ZDeviceInfo.safeParse(device.info ?? {});
  // deviceId and lastUsedAt are ours (the Device row), whatever the client once sent.
  return { ...(info.success ? info.data : {}), deviceId: device.id, lastUsedAt: device.lastSeenAt.toISOString() };
}

export function toFido2Passkey(passkey: TPasskeyDto, device: { id: string; info: unknown; lastSeenAt: Date } | null | undefined): TFido2Passkey {
  return {
    id: passkey.id,
    name: passkey.name,
    aaguid: passkey.aaguid,
    createdAt: passkey.createdAt,
    credentialId: passkey.credentialId,
    credentialSynced: passkey.synced,
    ...(passkey.lastUsedAt ? { lastUsedAt: passkey.lastUsedAt } : {}),
    ...(device ? { lastUsedFromDevice: toFido2DeviceInfo(device) } : {}),
    ...(passkey.providerName ? { providerName: passkey.providerName } : {}),
  };
}
