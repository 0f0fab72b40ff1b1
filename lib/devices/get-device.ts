import type { TTx } from '../db';
import { AppError } from '../errors';
import { toUserDto, type TUserDto } from '../users/username';
import { DEVICE_DTO_SELECT, toDeviceDto, type TDeviceDto } from './device-dto';

/**
 * One device of the community with the users it belongs to (002 mgmt "Get device details"). A
 * device row belongs to one user today; the answer is a list as in 002.
 * @throws AppError `devices.not_found` (unknown or of another community)
 */
export async function getDevice(options: { db: TTx; communityId: string; deviceId: string }): Promise<{ device: TDeviceDto; users: TUserDto[] }> {
  const row = await options.db.device.findFirst({
    where: { id: options.deviceId, communityId: options.communityId },
    select: { ...DEVICE_DTO_SELECT, user: { select: { id: true, username: true, displayName: true } } },
  });
  if (!row) throw new AppError('devices.not_found', { detail: `${options.deviceId} in ${options.communityId}` });
  return { device: toDeviceDto(row), users: [toUserDto(row.user)] };
}
