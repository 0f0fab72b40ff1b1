import type { TTx } from '../db';
import { AppError } from '../errors';
import { resolveAuthenticator } from '../metadata/resolve-authenticator';
import { toUserDto, type TUserDto } from '../users/username';
import { PASSKEY_DTO_SELECT, toPasskeyDto, type TPasskeyDto } from './passkey-dto';

/**
 * One passkey of the community, whoever owns it, with its owner and the device it was last used
 * from (002 mgmt "Get passkey details").
 * @throws AppError `passkeys.not_found` (unknown or of another community)
 */
export async function getPasskey(options: { db: TTx; communityId: string; passkeyId: string }): Promise<{ passkey: TPasskeyDto; user: TUserDto; deviceId: string | null }> {
  const row = await options.db.passkey.findFirst({
    where: { id: options.passkeyId, communityId: options.communityId },
    select: { ...PASSKEY_DTO_SELECT, deviceId: true, user: { select: { id: true, username: true, displayName: true } } },
  });
  if (!row) throw new AppError('passkeys.not_found', { detail: `${options.passkeyId} in ${options.communityId}` });
  const provider = await resolveAuthenticator(options.db, options.communityId, row.aaguid);
  return { passkey: toPasskeyDto(row, provider), user: toUserDto(row.user), deviceId: row.deviceId };
}
