import type { Prisma, TTx } from '../db';
import { parseInput } from '../errors/validation';
import { matchesSearch, pageOf, pageWindow, type TPage } from '../admin/list-query';
import type { TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope, communityRowScopeWhere } from '../admin/scope';
import { toUserStatus, type TUserListItemDto } from './admin-user-dto';
import { ZUserListQuery, type TUserListQueryInput } from './admin-user-schema';

const LIST_SELECT = {
  id: true,
  username: true,
  displayName: true,
  email: true,
  emailVerified: true,
  status: true,
  createdAt: true,
  community: { select: { id: true, name: true } },
  _count: { select: { passkeys: true } },
} as const;

const ORDER: Prisma.UserOrderByWithRelationInput[] = [{ username: 'asc' }, { id: 'asc' }];

/**
 * The end users of the communities in the caller's scope (or of one of them: `communityId`),
 * searched by username, display name or email and paged on the server, ordered by username.
 * Without a search, the page is read with skip/take. With one, only the searchable columns of
 * the scoped users are read and matched in memory (case- and width-insensitive, Unicode-aware:
 * a `contains` that behaves the same on SQLite and PostgreSQL can't be expressed in Prisma),
 * then the page's rows are loaded.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found` (filter out of scope)
 */
export async function listUsers(options: { db: TTx; principal: TAdminPrincipal; query?: TUserListQueryInput }): Promise<TPage<TUserListItemDto>> {
  const { db, principal } = options;
  const query = parseInput(ZUserListQuery, options.query ?? {});
  if (query.communityId) await assertCommunityInScope({ db, principal, communityId: query.communityId });
  const where: Prisma.UserWhereInput = { ...communityRowScopeWhere(principal), ...(query.communityId ? { communityId: query.communityId } : {}) };

  if (!query.q) {
    const total = await db.user.count({ where });
    const w = pageWindow(query, total);
    const rows = await db.user.findMany({ where, select: LIST_SELECT, orderBy: ORDER, skip: w.skip, take: w.take });
    return { items: rows.map(toListItem), total, page: w.page, pageSize: query.pageSize, pageCount: w.pageCount };
  }

  const candidates = await db.user.findMany({ where, select: { id: true, username: true, displayName: true, email: true }, orderBy: ORDER });
  const page = pageOf(
    candidates.filter((u) => matchesSearch(query.q, u.username, u.displayName, u.email)),
    query,
  );
  const ids = page.items.map((u) => u.id);
  const rows = ids.length ? await db.user.findMany({ where: { ...where, id: { in: ids } }, select: LIST_SELECT, orderBy: ORDER }) : [];
  return { ...page, items: rows.map(toListItem) };
}

function toListItem(row: {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  status: string;
  createdAt: Date;
  community: { id: string; name: string };
  _count: { passkeys: number };
}): TUserListItemDto {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    emailVerified: row.emailVerified,
    status: toUserStatus(row.status),
    community: row.community,
    passkeyCount: row._count.passkeys,
    createdAt: row.createdAt.toISOString(),
  };
}
