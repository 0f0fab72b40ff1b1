import type { TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { parseInput } from '../errors/validation';
import { matchesSearch, pageOf, ZListQuery, type TListQueryInput, type TPage } from '../admin/list-query';
import { communityRowScopeWhere } from '../admin/scope';
import { API_KEY_DTO_SELECT, toApiKeyDto } from './api-key';
import { withApiKeyNames, type TAdminApiKeyDto } from './admin-api-key';

/**
 * The API keys of the communities the caller administers, newest first, searched by label, key
 * prefix or allowed origin and paged on the server. Revoked keys stay listed.
 * @throws AppError `request.validation_failed`
 */
export async function listApiKeysInScope(options: { db: TTx; principal: TAdminPrincipal; query?: TListQueryInput }): Promise<TPage<TAdminApiKeyDto>> {
  const query = parseInput(ZListQuery, options.query ?? {});
  const rows = await options.db.apiKey.findMany({ where: communityRowScopeWhere(options.principal), select: API_KEY_DTO_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const matching = rows.map(toApiKeyDto).filter((k) => matchesSearch(query.q, k.label, k.keyPrefix, ...k.allowedOrigins));
  const page = pageOf(matching, query);
  return { ...page, items: await withApiKeyNames(options.db, page.items) };
}
