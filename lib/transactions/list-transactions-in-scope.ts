import type { TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { parseInput } from '../errors/validation';
import { pageWindow, type TPage } from '../admin/list-query';
import { communityRowScopeWhere, communityScopeWhere } from '../admin/scope';
import { statusWhere } from './list-transactions';
import { statusOf } from './transaction';
import { transactionSearchWhere, usernamesOf, ZAdminTransactionQuery, type TAdminTransactionQueryInput, type TAdminTransactionRowDto } from './admin-transactions';

/**
 * The transaction confirmations of the communities the caller administers, newest first: filtered
 * by community and status (pending, confirmed, failed, expired), searched by txType or username,
 * paged on the server. A community filter outside the scope finds nothing. Read-only.
 * @throws AppError `request.validation_failed`
 */
export async function listTransactionsInScope(options: { db: TTx; principal: TAdminPrincipal; query?: TAdminTransactionQueryInput; now?: Date }): Promise<TPage<TAdminTransactionRowDto>> {
  const query = parseInput(ZAdminTransactionQuery, options.query ?? {});
  const now = options.now ?? new Date();
  const where = {
    AND: [
      communityRowScopeWhere(options.principal),
      query.communityId ? { communityId: query.communityId } : {},
      statusWhere(query.status, now),
      await transactionSearchWhere(options.db, communityScopeWhere(options.principal), query.q),
    ],
  };
  const total = await options.db.transactionConfirmation.count({ where });
  const w = pageWindow(query, total);
  const rows = await options.db.transactionConfirmation.findMany({
    where,
    select: { id: true, community: { select: { id: true, name: true } }, application: { select: { id: true, name: true } }, userId: true, txType: true, status: true, expiresAt: true, createdAt: true, completedAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: w.skip,
    take: w.take,
  });
  const usernames = await usernamesOf(options.db, rows.map((r) => r.userId));
  return {
    items: rows.map((r) => ({
      id: r.id,
      community: r.community,
      application: r.application,
      user: { id: r.userId, username: usernames.get(r.userId) ?? null },
      txType: r.txType,
      status: statusOf(r, now),
      createdAt: r.createdAt.toISOString(),
      completedAt: r.completedAt?.toISOString() ?? null,
    })),
    total,
    page: w.page,
    pageSize: query.pageSize,
    pageCount: w.pageCount,
  };
}
