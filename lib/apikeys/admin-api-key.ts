import type { TTx } from '../db';
import type { TApiKeyDto } from './api-key';

/** An API key as the admin console lists it: with its community's name. */
export type TAdminApiKeyDto = TApiKeyDto & { community: { id: string; name: string } };

/** Adds community names to API key DTOs (one query). */
export async function withApiKeyNames(db: TTx, keys: TApiKeyDto[]): Promise<TAdminApiKeyDto[]> {
  const communities = await db.community.findMany({ where: { id: { in: [...new Set(keys.map((k) => k.communityId))] } }, select: { id: true, name: true } });
  const name = new Map(communities.map((c) => [c.id, c.name]));
  return keys.map((k) => ({ ...k, community: { id: k.communityId, name: name.get(k.communityId) ?? k.communityId } }));
}
