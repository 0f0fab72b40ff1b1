import type { TTx } from '../db';
import { AppError } from '../errors';
import { hashSecret } from '../crypto/tokens';
import { LICENSE_DTO_SELECT, toLicenseDto, type TAuthLevel, type TLicenseDto } from './license';

/** `lastUsedAt` is refreshed at most this often, so hot licenses do not write on every request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** Longest key accepted for lookup; anything longer cannot be one of ours (or a legacy key). */
const MAX_KEY_LENGTH = 512;

/**
 * Finds the active (not revoked) license for a presented key, by the SHA-256 of the key on a
 * unique index. Returns undefined for an unknown, revoked or empty key: the caller answers
 * `auth.unauthenticated` without saying which.
 *
 * Updates `lastUsedAt` when it is unset or older than a minute. The update is conditional on the
 * old value, so concurrent requests write it once.
 */
export async function findActiveLicense(options: { db: TTx; key: string; now?: Date }): Promise<TLicenseDto | undefined> {
  const key = options.key.trim();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
  const now = options.now ?? new Date();
  const row = await options.db.license.findFirst({
    where: { keyHash: hashSecret(key), revokedAt: null },
    select: LICENSE_DTO_SELECT,
  });
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    const { count } = await options.db.license.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
    if (count === 1) row.lastUsedAt = now;
  }
  return toLicenseDto(row);
}

/**
 * Authorizes an active license for one endpoint (WIRE-NOTES §5): its authLevel must be one the
 * endpoint accepts, and the community acted on must be one of its communities (a `system`
 * license with no communities covers all). Pass `communityId: undefined` for endpoints that act on
 * no community.
 *
 * @throws AppError `auth.forbidden` (the detail, for logs only, says which check failed)
 */
export function assertLicenseAllows(
  license: Pick<TLicenseDto, 'id' | 'authLevel' | 'communityIds' | 'revokedAt'>,
  requirement: { levels: readonly TAuthLevel[]; communityId: string | undefined },
): void {
  if (license.revokedAt) {
    throw new AppError('auth.forbidden', { detail: `license ${license.id} is revoked` });
  }
  if (!requirement.levels.includes(license.authLevel)) {
    throw new AppError('auth.forbidden', {
      detail: `license ${license.id} has authLevel ${license.authLevel}; endpoint accepts ${requirement.levels.join(', ')}`,
    });
  }
  const { communityId } = requirement;
  if (communityId === undefined) return;
  const coversAll = license.authLevel === 'system' && license.communityIds.length === 0;
  if (!coversAll && !license.communityIds.includes(communityId)) {
    throw new AppError('auth.forbidden', { detail: `license ${license.id} is not authorized for community ${communityId}` });
  }
}
