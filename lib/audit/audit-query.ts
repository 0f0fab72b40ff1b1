import type { Prisma, TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope, communityRowScopeWhere, communityScopeWhere } from '../admin/scope';
import { timeRange, type TAuditFilter } from './audit-filter-schema';

/**
 * The audit events a principal may read (ARCHITECTURE.md "Tenant isolation is in the query"):
 * a system admin every event, also those of no community (CLI, bootstrap, the console); a tenant
 * admin the events of its tenant's end-user communities and the tenant's own events of no
 * community; a community admin the events of its communities. AuditEvent has no relation to
 * Community, so the scoped community ids are looked up first (one small query).
 */
export async function auditScopeWhere(db: TTx, principal: TAdminPrincipal): Promise<Prisma.AuditEventWhereInput> {
  if (principal.role === 'system') return {};
  const ids = (await db.community.findMany({ where: communityScopeWhere(principal), select: { id: true } })).map((c) => c.id);
  if (principal.role === 'tenant') return { OR: [{ communityId: { in: ids } }, { communityId: null, tenantId: principal.tenantId ?? '' }] };
  return { communityId: { in: ids } };
}

/**
 * The `where` of a filter within the principal's scope.
 * @throws AppError `tenancy.community_not_found` (a community filter outside the scope)
 */
export async function auditWhere(options: { db: TTx; principal: TAdminPrincipal; filter: TAuditFilter }): Promise<Prisma.AuditEventWhereInput> {
  const { db, principal, filter } = options;
  const and: Prisma.AuditEventWhereInput[] = [await auditScopeWhere(db, principal)];
  if (filter.communityId) {
    await assertCommunityInScope({ db, principal, communityId: filter.communityId });
    and.push({ communityId: filter.communityId });
  }
  if (filter.actor) and.push({ actor: filter.actor });
  if (filter.user) {
    // An id or a username; usernames are unique per community, so it may name several users.
    const users = await db.user.findMany({
      where: { AND: [communityRowScopeWhere(principal), filter.communityId ? { communityId: filter.communityId } : {}, { OR: [{ id: filter.user }, { username: filter.user }] }] },
      select: { id: true },
      take: 100,
    });
    const ids = users.map((u) => u.id);
    and.push({ OR: [{ actor: { in: ids.map((id) => `user:${id}`) } }, { subject: { in: ids } }] });
  }
  if (filter.type) and.push({ type: { startsWith: filter.type } });
  if (filter.result) and.push({ result: filter.result });
  const range = timeRange(filter);
  if (range.from || range.toBefore) and.push({ at: { ...(range.from ? { gte: range.from } : {}), ...(range.toBefore ? { lt: range.toBefore } : {}) } });
  return { AND: and };
}

/** An event as the console shows and exports it (an explicit DTO: CONVENTIONS.md §7). */
export type TAuditEventDto = {
  id: string;
  at: string;
  type: string;
  result: string;
  actor: string;
  subject: string | null;
  tenantId: string | null;
  communityId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: unknown;
};

export const AUDIT_EVENT_SELECT = { id: true, at: true, type: true, result: true, actor: true, subject: true, tenantId: true, communityId: true, ip: true, userAgent: true, detail: true } as const;

export function toAuditEventDto(row: { id: string; at: Date; type: string; result: string; actor: string; subject: string | null; tenantId: string | null; communityId: string | null; ip: string | null; userAgent: string | null; detail: unknown }): TAuditEventDto {
  return { id: row.id, at: row.at.toISOString(), type: row.type, result: row.result, actor: row.actor, subject: row.subject, tenantId: row.tenantId, communityId: row.communityId, ip: row.ip, userAgent: row.userAgent, detail: row.detail ?? {} };
}

/**
 * The keyset of the newest-first order: events strictly older than (at, id), i.e.
 * `at < c.at OR (at = c.at AND id < c.id)`, written as `at <= c.at AND (at < c.at OR id < c.id)`
 * so that the database sees a range on `at` and walks the `at` index from there (the plain OR
 * form made SQLite scan the table: 1.1 s for page 201 of 200,000 events, see docs/benchmarks.md).
 */
export function olderThan(cursor: { at: Date; id: string }): Prisma.AuditEventWhereInput {
  return { at: { lte: cursor.at }, OR: [{ at: { lt: cursor.at } }, { id: { lt: cursor.id } }] };
}

export const NEWEST_FIRST: Prisma.AuditEventOrderByWithRelationInput[] = [{ at: 'desc' }, { id: 'desc' }];
