import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { API_KEY_DTO_SELECT, toApiKeyDto, type TApiKeyDto } from './api-key';

export const ZListApiKeysInput = z
  .object({
    /** Only the keys of this community. */
    communityId: z.string().trim().min(1).optional(),
    /** Include revoked keys (default true: an operator listing shows the whole history). */
    includeRevoked: z.boolean().default(true),
  })
  .strict();
export type TListApiKeysInput = z.input<typeof ZListApiKeysInput>;

/**
 * Lists API keys, oldest first, as DTOs (prefix, community, origins, status; never the hash).
 * @throws AppError `request.validation_failed`
 */
export async function listApiKeys(options: { db: TTx; input?: TListApiKeysInput }): Promise<TApiKeyDto[]> {
  const input = parseInput(ZListApiKeysInput, options.input ?? {});
  const rows = await options.db.apiKey.findMany({
    where: { ...(input.communityId ? { communityId: input.communityId } : {}), ...(input.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: API_KEY_DTO_SELECT,
  });
  return rows.map(toApiKeyDto);
}
