import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { ADMIN_DTO_SELECT, loadScopeNames, toAdminDto, type TAdminDto } from './admin-dto';
import { matchesSearch, pageOf, ZListQuery, type TListQueryInput, type TPage } from './list-query';
import { toAdminGrant, type TAdminPrincipal } from './principal';
import { grantScopeWhere, isGrantInScope } from './scope';

/**
 * The administrators within the caller's scope (see isGrantInScope), searched by username or name
 * and paged on the server, ordered by name. A console has few administrators, so the scoped rows
 * are filtered and paged after one query (the community subset rule and Unicode-aware,
 * case-insensitive search can't be expressed portably on both databases).
 * `principal: null` is the operator CLI, who sees every administrator.
 * @throws AppError `request.validation_failed`
 */
export async function listAdmins(options: { db: TTx; principal: TAdminPrincipal | null; query?: TListQueryInput }): Promise<TPage<TAdminDto>> {
  const { principal } = options;
  const query = parseInput(ZListQuery, options.query ?? {});
  const rows = await options.db.admin.findMany({ where: principal ? grantScopeWhere(principal) : {}, select: ADMIN_DTO_SELECT });
  const visible = rows
    .filter((r) => (!principal || isGrantInScope(principal, toAdminGrant(r))) && matchesSearch(query.q, r.user.username, r.user.displayName))
    .sort((a, b) => a.user.displayName.localeCompare(b.user.displayName) || a.user.username.localeCompare(b.user.username));
  const page = pageOf(visible, query);
  const names = await loadScopeNames(options.db, page.items.map(toAdminGrant));
  return { ...page, items: page.items.map((r) => toAdminDto(r, names(toAdminGrant(r)), principal?.adminId ?? '')) };
}
