import type { Prisma, TTx } from '../db';
import { AppError } from '../errors';
import { ROLE_RANK, type TAdminGrant, type TAdminPrincipal, type TAdminRole } from './principal';

/**
 * Scope helpers: the one place that turns an administrator's role into `where` clauses. Every
 * console use-case puts one of these into its queries (CONVENTIONS.md §8), so an id outside the
 * caller's scope is simply not found: 404 and nothing changes, never 403 (existence is not leaked).
 * The console community itself is never in anyone's scope (it is managed by lib/admin only).
 */

/** Matches nothing (a principal without a tenant, which the database should never hold). */
const NOTHING = { id: { in: [] as string[] } };

/** The end-user communities the principal administers. */
export function communityScopeWhere(principal: TAdminPrincipal): Prisma.CommunityWhereInput {
  switch (principal.role) {
    case 'system':
      return { purpose: 'users' };
    case 'tenant':
      return principal.tenantId ? { purpose: 'users', tenantId: principal.tenantId } : NOTHING;
    case 'community':
      return { purpose: 'users', id: { in: principal.communityIds } };
  }
}

/**
 * For rows that belong to a community (User, Passkey, Session, ApiKey, Application, …): the rows of
 * the communities the principal administers, e.g. `db.user.findMany({ where: { ...communityRowScopeWhere(p), … } })`.
 */
export function communityRowScopeWhere(principal: TAdminPrincipal): { community: Prisma.CommunityWhereInput } {
  return { community: communityScopeWhere(principal) };
}

/**
 * The tenants the principal administers as a whole: all for a system admin, its own for a tenant
 * admin, none for a community admin (who sees its tenant only through its communities).
 */
export function tenantScopeWhere(principal: TAdminPrincipal): Prisma.TenantWhereInput {
  switch (principal.role) {
    case 'system':
      return {};
    case 'tenant':
      return principal.tenantId ? { id: principal.tenantId } : NOTHING;
    case 'community':
      return NOTHING;
  }
}

/**
 * The community if the principal administers it.
 * @throws AppError `tenancy.community_not_found` (unknown, the console realm, or out of scope)
 */
export async function assertCommunityInScope(options: { db: TTx; principal: TAdminPrincipal; communityId: string }): Promise<{ id: string; tenantId: string; name: string }> {
  const row = await options.db.community.findFirst({ where: { AND: [{ id: options.communityId }, communityScopeWhere(options.principal)] }, select: { id: true, tenantId: true, name: true } });
  if (!row) throw new AppError('tenancy.community_not_found', { detail: `${options.communityId} not in the scope of admin ${options.principal.adminId}` });
  return row;
}

/**
 * The tenant if the principal administers it as a whole.
 * @throws AppError `tenancy.tenant_not_found` (unknown or out of scope)
 */
export async function assertTenantInScope(options: { db: TTx; principal: TAdminPrincipal; tenantId: string }): Promise<{ id: string; name: string }> {
  const row = await options.db.tenant.findFirst({ where: { AND: [{ id: options.tenantId }, tenantScopeWhere(options.principal)] }, select: { id: true, name: true } });
  if (!row) throw new AppError('tenancy.tenant_not_found', { detail: `${options.tenantId} not in the scope of admin ${options.principal.adminId}` });
  return row;
}

/**
 * For features a role may not use at all (e.g. only system admins manage tenants): 403. Use the
 * scope helpers, not this, for "another tenant's / community's data" (that is a 404).
 * @throws AppError `auth.forbidden`
 */
export function assertRole(principal: TAdminPrincipal, roles: readonly TAdminRole[]): void {
  if (!roles.includes(principal.role)) throw new AppError('auth.forbidden', { detail: `role ${principal.role} is not one of ${roles.join(', ')}` });
}

/** Whether the principal's role may grant `role` (nobody grants a role above their own). */
export function canGrantRole(principal: TAdminPrincipal, role: TAdminRole): boolean {
  return ROLE_RANK[role] <= ROLE_RANK[principal.role];
}

/**
 * Whether a grant (of an administrator or an invitation) lies within the principal's scope, i.e.
 * the principal could have granted it: system admins see all; a tenant admin the tenant and
 * community admins of its tenant; a community admin the community admins whose communities are
 * all its own.
 */
export function isGrantInScope(principal: TAdminPrincipal, grant: TAdminGrant): boolean {
  if (!canGrantRole(principal, grant.role)) return false;
  switch (principal.role) {
    case 'system':
      return true;
    case 'tenant':
      return principal.tenantId !== undefined && grant.tenantId === principal.tenantId;
    case 'community':
      return grant.communityIds.length > 0 && grant.communityIds.every((id) => principal.communityIds.includes(id));
  }
}

/**
 * Admin (and invitation) rows that may be within the principal's scope, for a query; the exact
 * rule is isGrantInScope, applied to the rows found (a community admin's subset test can't be
 * expressed on the Json column portably).
 */
export function grantScopeWhere(principal: TAdminPrincipal): { role?: { in: TAdminRole[] }; tenantId?: string } {
  switch (principal.role) {
    case 'system':
      return {};
    case 'tenant':
      return { role: { in: ['tenant', 'community'] }, tenantId: principal.tenantId ?? '' };
    case 'community':
      return { role: { in: ['community'] }, tenantId: principal.tenantId ?? '' };
  }
}
