/**
 * A device as the dialects' `deviceInfo` described it (002 DeviceInfo), with our id and its last
 * use. Only the known string/number/boolean fields of the stored info are returned.
 */
export type TDeviceDto = {
  id: string;
  userId: string;
  clientName?: string;
  clientType?: string;
  clientVersion?: string;
  osName?: string;
  osVersion?: string;
  osArch?: string;
  screenWidth?: number;
  screenHeight?: number;
  hasBluetooth?: boolean;
  webauthnCapabilities?: string;
  createdAt: string;
  lastUsedAt: string;
};

const STRING_FIELDS = ['clientName', 'clientType', 'clientVersion', 'osName', 'osVersion', 'osArch', 'webauthnCapabilities'] as const;
const NUMBER_FIELDS = ['screenWidth', 'screenHeight'] as const;

export const DEVICE_DTO_SELECT = { id: true, userId: true, info: true, createdAt: true, lastSeenAt: true } as const;

export function toDeviceDto(row: { id: string; userId: string; info: unknown; createdAt: Date; lastSeenAt: Date }): TDeviceDto {
  const info = (row.info && typeof row.info === 'object' && !Array.isArray(row.info) ? row.info : {}) as Record<string, unknown>;
  const out: TDeviceDto = { id: row.id, userId: row.userId, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastSeenAt.toISOString() };
  for (const f of STRING_FIELDS) if (typeof info[f] === 'string') out[f] = (info[f] as string).slice(0, 2048);
  for (const f of NUMBER_FIELDS) if (typeof info[f] === 'number' && Number.isFinite(info[f])) out[f] = info[f] as number;
  if (typeof info.hasBluetooth === 'boolean') out.hasBluetooth = info.hasBluetooth;
  return out;
}
