import type { TTx } from '../db';
import { AppError } from '../errors';
import { toAaguidBlockDtos, type TAaguidBlockDto } from './aaguid-blocklist';
import { toBlocklist } from './rp';

/**
 * The community's AAGUID blocklist, by AAGUID.
 * @throws AppError `tenancy.community_not_found`
 */
export async function listAaguidBlocklist(options: { db: TTx; communityId: string }): Promise<TAaguidBlockDto[]> {
  const community = await options.db.community.findUnique({ where: { id: options.communityId }, select: { aaguidPolicy: true } });
  if (!community) throw new AppError('tenancy.community_not_found', { detail: options.communityId });
  return toAaguidBlockDtos(toBlocklist((community.aaguidPolicy as { blocklist?: unknown } | null)?.blocklist));
}
