import type { TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { parseInput } from '../errors/validation';
import { matchesSearch, pageOf, ZListQuery, type TListQueryInput, type TPage } from '../admin/list-query';
import { findLicensesInScope, withLicenseNames, type TAdminLicenseDto } from './admin-license';

/**
 * The licenses within the caller's scope (see isLicenseInScope), newest first, searched by label
 * or key prefix and paged on the server. Revoked licenses stay listed (their history matters). A
 * tenant has few licenses, so the scoped rows are filtered and paged after one query (the
 * community subset rule can't be expressed portably on the Json column).
 * @throws AppError `request.validation_failed`
 */
export async function listLicensesInScope(options: { db: TTx; principal: TAdminPrincipal; query?: TListQueryInput }): Promise<TPage<TAdminLicenseDto>> {
  const query = parseInput(ZListQuery, options.query ?? {});
  const rows = (await findLicensesInScope(options.db, options.principal)).filter((l) => matchesSearch(query.q, l.label, l.keyPrefix, l.authLevel));
  const page = pageOf(rows, query);
  return { ...page, items: await withLicenseNames(options.db, page.items) };
}
