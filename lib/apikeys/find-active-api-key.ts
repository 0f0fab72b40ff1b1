import type { TTx } from '../db';
import { hashSecret } from '../crypto/tokens';
import { API_KEY_DTO_SELECT, toApiKeyDto, type TApiKeyDto } from './api-key';

/** `lastUsedAt` is refreshed at most this often, so busy keys do not write on every request. */
export const API_KEY_LAST_USED_RESOLUTION_MS = 60_000;

/** Longest value looked up; anything longer cannot be one of ours. */
const MAX_KEY_LENGTH = 512;

/**
 * Finds the active (not revoked) API key for a presented secret, by its SHA-256 on a unique
 * index. Returns undefined for an unknown, revoked, empty or oversized key: the caller answers
 * `auth.unauthenticated` without saying which (CONVENTIONS.md §4).
 *
 * Updates `lastUsedAt` when unset or older than a minute, conditionally on the old value, so
 * concurrent requests write it once.
 */
export async function findActiveApiKey(options: { db: TTx; key: string | null | undefined; now?: Date }): Promise<TApiKeyDto | undefined> {
  const key = (options.key ?? '').trim();
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
  const now = options.now ?? new Date();
  const row = await options.db.apiKey.findFirst({ where: { secretHash: hashSecret(key), revokedAt: null }, select: API_KEY_DTO_SELECT });
  if (!row) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= API_KEY_LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now.getTime() - API_KEY_LAST_USED_RESOLUTION_MS);
    const { count } = await options.db.apiKey.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: staleBefore } }] },
      data: { lastUsedAt: now },
    });
    if (count === 1) row.lastUsedAt = now;
  }
  return toApiKeyDto(row);
}
