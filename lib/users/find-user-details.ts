import type { TTx } from '../db';
import { AppError } from '../errors';
import { DEVICE_DTO_SELECT, toDeviceDto, type TDeviceDto } from '../devices/device-dto';
import { listPasskeys } from '../passkeys/manage-passkeys';
import type { TPasskeyDto } from '../passkeys/passkey-dto';
import { ZUsername } from './username';

export type TUserDetailsDto = {
  user: {
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    emailVerified: boolean;
    phone: string | null;
    phoneVerified: boolean;
    messagingConsent: boolean;
    status: 'active' | 'disabled';
    createdAt: string;
  };
  passkeys: TPasskeyDto[];
  devices: TDeviceDto[];
};

/**
 * A user of the community by username, with passkeys and devices (002 mgmt "Find user and
 * retrieve user details"). Disabled users are found too: this is an operator's view. A name that
 * no user could have is simply not found; no name at all is a bad request.
 * @throws AppError `request.validation_failed`, `users.not_found`
 */
export async function findUserDetails(options: { db: TTx; communityId: string; username: string | null | undefined }): Promise<TUserDetailsDto> {
  const { db, communityId } = options;
  if (!options.username?.trim()) {
    throw new AppError('request.validation_failed', { fields: { username: 'required' }, publicMessage: 'Validation error: username: required' });
  }
  const username = ZUsername.safeParse(options.username);
  const user = username.success
    ? await db.user.findFirst({
        where: { communityId, username: username.data },
        select: { id: true, username: true, displayName: true, email: true, emailVerified: true, phone: true, phoneVerified: true, messagingConsent: true, status: true, createdAt: true },
      })
    : null;
  if (!user) throw new AppError('users.not_found', { detail: `username in ${communityId}` });
  const [passkeys, devices] = await Promise.all([
    listPasskeys({ db, owner: { communityId, userId: user.id } }),
    db.device.findMany({ where: { communityId, userId: user.id }, select: DEVICE_DTO_SELECT, orderBy: { lastSeenAt: 'desc' } }),
  ]);
  return {
    user: { ...user, status: user.status === 'disabled' ? 'disabled' : 'active', createdAt: user.createdAt.toISOString() },
    passkeys,
    devices: devices.map(toDeviceDto),
  };
}
