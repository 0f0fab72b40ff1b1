import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import type { TRequestMeta } from '../passkeys/audit-failure';

/**
 * Deletes one device of the community (002 mgmt "Delete device"). Its passkeys stay — they are
 * the user's credentials, not the device's — and only lose the link to it (onDelete: SetNull).
 * @throws AppError `devices.not_found` (unknown or of another community)
 */
export async function deleteDevice(options: { db: TDb | TTx; communityId: string; deviceId: string; actor: string; meta?: TRequestMeta }): Promise<void> {
  const { communityId, deviceId } = options;
  await inTransaction(options.db, async (tx) => {
    const device = await tx.device.findFirst({ where: { id: deviceId, communityId }, select: { userId: true } });
    if (!device) throw new AppError('devices.not_found', { detail: `${deviceId} in ${communityId}` });
    const { count } = await tx.device.deleteMany({ where: { id: deviceId, communityId } });
    if (count !== 1) throw new AppError('devices.not_found', { detail: `${deviceId} deleted concurrently` });
    await writeAuditEvent(tx, { type: 'devices.deleted', actor: options.actor, result: 'success', communityId, subject: deviceId, ip: options.meta?.ip, userAgent: options.meta?.userAgent, detail: { userId: device.userId } });
  });
}
