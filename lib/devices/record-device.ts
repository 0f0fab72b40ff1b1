import { z } from 'zod';
import type { TTx } from '../db';

const text = (max: number) => z.string().max(max);

/**
 * Client information a dialect reports with a ceremony (002 `DeviceInfo`): all optional, best
 * effort, bounded. Unknown members are dropped. `deviceId` is the id of a Device we returned
 * earlier (the SDK keeps it and sends it back); `lastUsedAt` is the client's and never stored.
 */
export const ZDeviceInfo = z.object({
  clientName: text(128).optional(),
  clientType: z.enum(['browser', 'webview', 'other']).optional(),
  clientVersion: text(64).optional(),
  deviceId: text(128).optional(),
  hasBluetooth: z.boolean().optional(),
  lastUsedAt: text(64).optional(),
  osArch: text(64).optional(),
  osName: text(64).optional(),
  osVersion: text(64).optional(),
  screenHeight: z.number().int().min(0).max(100_000).optional(),
  screenWidth: z.number().int().min(0).max(100_000).optional(),
  /** A JSON string of the browser's WebAuthn capabilities (PublicKeyCredential.getClientCapabilities). */
  webauthnCapabilities: text(4096).optional(),
});
export type TDeviceInfo = z.output<typeof ZDeviceInfo>;

/**
 * Records the device a user just used (or registered a passkey on), in the caller's transaction:
 * the user's Device named by `info.deviceId` is updated (its info replaced, last seen now), any
 * other id — unknown, another user's, another community's — makes a new Device, so a client can
 * never touch a device that is not its user's. Returns the Device id the client should send back
 * next time.
 */
export async function recordDevice(options: { db: TTx; communityId: string; userId: string; info: TDeviceInfo; now?: Date }): Promise<{ id: string }> {
  const { db, communityId, userId } = options;
  const now = options.now ?? new Date();
  const info: Record<string, unknown> = { ...options.info };
  const deviceId = options.info.deviceId;
  delete info.deviceId;
  delete info.lastUsedAt;
  if (deviceId) {
    const { count } = await db.device.updateMany({ where: { id: deviceId, communityId, userId }, data: { info: info as object, lastSeenAt: now } });
    if (count === 1) return { id: deviceId };
  }
  return db.device.create({ data: { communityId, userId, info: info as object, createdAt: now, lastSeenAt: now }, select: { id: true } });
}
