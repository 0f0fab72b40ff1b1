/**
 * Who is calling the admin console: an administrator, with the role and scope read fresh from the
 * database on every request (lib/admin/admin-session.ts). Every console use-case takes one and
 * puts its scope into its queries (lib/admin/scope.ts).
 */

export const ADMIN_ROLES = ['system', 'tenant', 'community'] as const;
export type TAdminRole = (typeof ADMIN_ROLES)[number];

/**
 * - `system`: everything (no tenant, no communities).
 * - `tenant`: every end-user community of `tenantId`.
 * - `community`: the communities in `communityIds`, all of `tenantId`.
 */
export type TAdminPrincipal = {
  adminId: string;
  /** The administrator's User in the console community (passkeys, sessions). */
  userId: string;
  role: TAdminRole;
  tenantId?: string;
  communityIds: string[];
};

/** What a role grants: the shape stored on Admin and AdminSetupToken rows. */
export type TAdminGrant = { role: TAdminRole; tenantId: string | null; communityIds: string[] };

/** Higher grants more; nobody may grant a role ranked above their own. */
export const ROLE_RANK: Record<TAdminRole, number> = { system: 3, tenant: 2, community: 1 };

export const ROLE_LABEL: Record<TAdminRole, string> = { system: 'System admin', tenant: 'Tenant admin', community: 'Community admin' };

export function isAdminRole(value: unknown): value is TAdminRole {
  return typeof value === 'string' && (ADMIN_ROLES as readonly string[]).includes(value);
}

/** The grant of a stored Admin / AdminSetupToken row (Json communityIds, free-text role). */
export function toAdminGrant(row: { role: string; tenantId: string | null; communityIds: unknown }): TAdminGrant {
  // An unknown role in the database grants the least (never more than stored).
  const role = isAdminRole(row.role) ? row.role : 'community';
  const communityIds = Array.isArray(row.communityIds) ? row.communityIds.filter((c): c is string => typeof c === 'string') : [];
  return { role, tenantId: role === 'system' ? null : row.tenantId, communityIds: role === 'community' ? communityIds : [] };
}

export function toAdminPrincipal(row: { id: string; userId: string; role: string; tenantId: string | null; communityIds: unknown }): TAdminPrincipal {
  const grant = toAdminGrant(row);
  return { adminId: row.id, userId: row.userId, role: grant.role, ...(grant.tenantId ? { tenantId: grant.tenantId } : {}), communityIds: grant.communityIds };
}

/** The audit trail's actor for an administrator (see AuditEvent.actor). */
export function adminActor(principal: Pick<TAdminPrincipal, 'adminId'>): string {
  return `admin:${principal.adminId}`;
}
