import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { matchesSearch, pageOf, ZListQuery, type TListQueryInput, type TPage } from '../admin/list-query';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertRole, communityScopeWhere, tenantScopeWhere } from '../admin/scope';
import { createCommunity } from './create-community';
import { createTenant } from './create-tenant';
import { getCommunitySettings, type TCommunitySettingsDto } from './community-settings';
import { ZCommunityCreateInput, ZTenantNameInput } from './tenancy-schemas';

/** A tenant as the console lists it, with the communities of it that the caller administers. */
export type TTenantListItem = {
  id: string;
  name: string;
  dnsNames: string[];
  isDefault: boolean;
  createdAt: string;
  /** Whether the caller may add communities to it (system admins, its tenant admins). */
  canAddCommunity: boolean;
  /** Whether the caller may rename it (system admins). */
  canRename: boolean;
  communities: Array<{ id: string; name: string; rpId: string; isDefault: boolean; userCount: number; applicationCount: number }>;
};

/**
 * The tenants within the caller's scope with their end-user communities (never the console
 * realm): all for a system admin; its own for a tenant admin; for a community admin, its tenant
 * with only its communities. Searched by tenant or community name and paged on the server, by name.
 * @throws AppError `request.validation_failed`
 */
export async function listTenantsForAdmin(options: { db: TTx; principal: TAdminPrincipal; query?: TListQueryInput }): Promise<TPage<TTenantListItem>> {
  const { principal } = options;
  const query = parseInput(ZListQuery, options.query ?? {});
  const scope = communityScopeWhere(principal);
  const rows = await options.db.tenant.findMany({
    where: { OR: [tenantScopeWhere(principal), { communities: { some: scope } }] },
    select: {
      id: true, name: true, dnsNames: true, isDefault: true, createdAt: true,
      communities: {
        where: scope,
        orderBy: { name: 'asc' },
        select: { id: true, name: true, rpId: true, isDefault: true, _count: { select: { users: true, applications: true } } },
      },
    },
  });
  const visible = rows
    .filter((t) => matchesSearch(query.q, t.name, ...t.communities.flatMap((c) => [c.name, c.rpId])))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const page = pageOf(visible, query);
  return {
    ...page,
    items: page.items.map((t) => ({
      id: t.id,
      name: t.name,
      dnsNames: Array.isArray(t.dnsNames) ? (t.dnsNames as string[]) : [],
      isDefault: t.isDefault,
      createdAt: t.createdAt.toISOString(),
      canAddCommunity: principal.role === 'system' || (principal.role === 'tenant' && principal.tenantId === t.id),
      canRename: principal.role === 'system',
      communities: t.communities.map((c) => ({ id: c.id, name: c.name, rpId: c.rpId, isDefault: c.isDefault, userCount: c._count.users, applicationCount: c._count.applications })),
    })),
  };
}

/**
 * Creates a tenant. System admins only.
 * @throws AppError `auth.forbidden`, `request.validation_failed`
 */
export async function createTenantAsAdmin(options: { db: TDb; principal: TAdminPrincipal; input: unknown }): Promise<{ id: string; name: string }> {
  assertRole(options.principal, ['system']);
  const input = parseInput(ZTenantNameInput, options.input);
  const tenant = await options.db.$transaction((tx: TTx) => createTenant({ db: tx, input, actor: adminActor(options.principal) }));
  return { id: tenant.id, name: tenant.name };
}

/**
 * Renames a tenant. System admins only.
 * @throws AppError `auth.forbidden`, `request.validation_failed`, `tenancy.tenant_not_found`
 */
export async function renameTenant(options: { db: TDb; principal: TAdminPrincipal; tenantId: string; input: unknown }): Promise<{ id: string; name: string }> {
  assertRole(options.principal, ['system']);
  const input = parseInput(ZTenantNameInput, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    const row = await tx.tenant.findFirst({ where: { AND: [{ id: options.tenantId }, tenantScopeWhere(options.principal)] }, select: { id: true, name: true } });
    if (!row) throw new AppError('tenancy.tenant_not_found', { detail: options.tenantId });
    if (row.name !== input.name) {
      await tx.tenant.update({ where: { id: row.id }, data: { name: input.name } });
      await writeAuditEvent(tx, { type: 'tenancy.tenant_renamed', actor: adminActor(options.principal), result: 'success', tenantId: row.id, subject: row.id, detail: { from: row.name, to: input.name } });
    }
    return { id: row.id, name: input.name };
  });
}

/**
 * Creates a community in a tenant the caller administers as a whole: system admins in any tenant,
 * tenant admins in theirs; community admins may not create communities (403). Another tenant is
 * "not found". Same RP checks as the CLI (createCommunity).
 * @throws AppError `auth.forbidden`, `request.validation_failed`, `tenancy.tenant_not_found`,
 *   `tenancy.invalid_origin`, `tenancy.invalid_rp_id`, `tenancy.community_exists`
 */
export async function createCommunityAsAdmin(options: { db: TDb; principal: TAdminPrincipal; input: unknown }): Promise<TCommunitySettingsDto> {
  assertRole(options.principal, ['system', 'tenant']);
  const input = parseInput(ZCommunityCreateInput, options.input);
  const id = await options.db.$transaction(async (tx: TTx) => {
    const tenant = await tx.tenant.findFirst({ where: { AND: [{ id: input.tenantId }, tenantScopeWhere(options.principal)] }, select: { id: true } });
    if (!tenant) throw new AppError('tenancy.tenant_not_found', { detail: input.tenantId });
    try {
      return (await createCommunity({ db: tx, input, actor: adminActor(options.principal) })).id;
    } catch (e) {
      if (e instanceof AppError && e.code === 'tenancy.community_exists') throw new AppError(e.code, { detail: e.detail, fields: { name: 'Another community of this tenant has this name' } });
      if (e instanceof AppError && e.code === 'tenancy.invalid_origin') throw new AppError(e.code, { detail: e.detail, fields: { origins: `${e.detail}: use an https:// origin (http:// only for localhost) or an android:apk-key-hash: origin` } });
      if (e instanceof AppError && e.code === 'tenancy.invalid_rp_id') throw new AppError(e.code, { detail: e.detail, fields: { rpId: 'Every web origin must be this domain or a subdomain of it' } });
      throw e;
    }
  });
  return getCommunitySettings({ db: options.db, principal: options.principal, communityId: id });
}
