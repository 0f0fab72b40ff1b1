import type { TTx } from '../db';
import { toAdminGrant, type TAdminGrant, type TAdminRole } from './principal';

/** A tenant or community named in an administrator's scope. */
export type TScopeRef = { id: string; name: string };

export type TAdminDto = {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: TAdminRole;
  tenant: TScopeRef | null;
  communities: TScopeRef[];
  createdAt: string;
  passkeyCount: number;
  /** Last use of any of the administrator's passkeys. */
  lastSignInAt: string | null;
  /** The calling administrator itself. */
  isYou: boolean;
};

export type TInvitationDto = {
  id: string;
  role: TAdminRole;
  tenant: TScopeRef | null;
  communities: TScopeRef[];
  label: string | null;
  createdAt: string;
  expiresAt: string;
  /** Who made it: "admin:<id>", "cli" or "system". */
  createdBy: string | null;
};

/** Names of the tenants and communities of some grants, in two queries. A deleted one is shown by id. */
export async function loadScopeNames(db: TTx, grants: TAdminGrant[]): Promise<(grant: TAdminGrant) => { tenant: TScopeRef | null; communities: TScopeRef[] }> {
  const tenantIds = [...new Set(grants.flatMap((g) => (g.tenantId ? [g.tenantId] : [])))];
  const communityIds = [...new Set(grants.flatMap((g) => g.communityIds))];
  const [tenants, communities] = await Promise.all([
    tenantIds.length ? db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, name: true } }) : [],
    communityIds.length ? db.community.findMany({ where: { id: { in: communityIds } }, select: { id: true, name: true } }) : [],
  ]);
  const tenantName = new Map(tenants.map((t) => [t.id, t.name]));
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  return (grant) => ({
    tenant: grant.tenantId ? { id: grant.tenantId, name: tenantName.get(grant.tenantId) ?? grant.tenantId } : null,
    communities: grant.communityIds.map((id) => ({ id, name: communityName.get(id) ?? id })),
  });
}

export const ADMIN_DTO_SELECT = {
  id: true,
  userId: true,
  role: true,
  tenantId: true,
  communityIds: true,
  createdAt: true,
  user: { select: { username: true, displayName: true, passkeys: { select: { lastUsedAt: true } } } },
} as const;

type TAdminRow = {
  id: string;
  userId: string;
  role: string;
  tenantId: string | null;
  communityIds: unknown;
  createdAt: Date;
  user: { username: string; displayName: string; passkeys: { lastUsedAt: Date | null }[] };
};

export function toAdminDto(row: TAdminRow, names: ReturnType<Awaited<ReturnType<typeof loadScopeNames>>>, youAdminId: string): TAdminDto {
  const grant = toAdminGrant(row);
  const lastUsed = row.user.passkeys.reduce<Date | null>((latest, p) => (p.lastUsedAt && (!latest || p.lastUsedAt > latest) ? p.lastUsedAt : latest), null);
  return {
    id: row.id,
    userId: row.userId,
    username: row.user.username,
    displayName: row.user.displayName,
    role: grant.role,
    tenant: names.tenant,
    communities: names.communities,
    createdAt: row.createdAt.toISOString(),
    passkeyCount: row.user.passkeys.length,
    lastSignInAt: lastUsed?.toISOString() ?? null,
    isYou: row.id === youAdminId,
  };
}

/** One administrator as a DTO (after a change). */
export async function loadAdminDto(db: TTx, adminId: string, youAdminId: string): Promise<TAdminDto> {
  const row = await db.admin.findUniqueOrThrow({ where: { id: adminId }, select: ADMIN_DTO_SELECT });
  const names = await loadScopeNames(db, [toAdminGrant(row)]);
  return toAdminDto(row, names(toAdminGrant(row)), youAdminId);
}

export function toInvitationDto(
  row: { id: string; role: string; tenantId: string | null; communityIds: unknown; label: string | null; createdAt: Date; expiresAt: Date; createdBy: string | null },
  names: ReturnType<Awaited<ReturnType<typeof loadScopeNames>>>,
): TInvitationDto {
  return {
    id: row.id,
    role: toAdminGrant(row).role,
    tenant: names.tenant,
    communities: names.communities,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdBy,
  };
}
