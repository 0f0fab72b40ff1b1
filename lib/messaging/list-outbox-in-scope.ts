import type { TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { parseInput } from '../errors/validation';
import { pageWindow, type TPage } from '../admin/list-query';
import { communityScopeWhere } from '../admin/scope';
import { listOutboxMessages } from './list-outbox-messages';
import { ZAdminOutboxQuery, type TAdminOutboxQueryInput, type TAdminOutboxRowDto } from './admin-outbox';

/**
 * The messages (one-time codes by email and SMS) of the communities the caller administers,
 * newest first, through listOutboxMessages: filtered by community, channel and status, searched
 * by recipient or subject, paged on the server. Rows carry no body. A community filter outside
 * the scope finds nothing. Read-only.
 * @throws AppError `request.validation_failed`
 */
export async function listOutboxInScope(options: { db: TTx; principal: TAdminPrincipal; query?: TAdminOutboxQueryInput }): Promise<TPage<TAdminOutboxRowDto>> {
  const query = parseInput(ZAdminOutboxQuery, options.query ?? {});
  const communities = await options.db.community.findMany({
    where: { AND: [communityScopeWhere(options.principal), query.communityId ? { id: query.communityId } : {}] },
    select: { id: true, name: true },
  });
  const filters = { ...(query.channel ? { channel: query.channel } : {}), ...(query.status ? { status: query.status } : {}), ...(query.q ? { search: query.q } : {}) };
  const communityIds = communities.map((c) => c.id);
  // The page is clamped to the last one, as every console list.
  const { total } = await listOutboxMessages({ db: options.db, communityIds, filters, page: { page: 1, pageSize: 1 } });
  const w = pageWindow(query, total);
  const result = await listOutboxMessages({ db: options.db, communityIds, filters, page: { page: w.page, pageSize: query.pageSize } });
  const name = new Map(communities.map((c) => [c.id, c.name]));
  return {
    items: result.items.map((m) => ({ id: m.id, community: { id: m.communityId, name: name.get(m.communityId) ?? m.communityId }, channel: m.channel, to: m.to, subject: m.subject, status: m.status, error: m.error, createdAt: m.createdAt })),
    total: result.total,
    page: w.page,
    pageSize: query.pageSize,
    pageCount: w.pageCount,
  };
}
