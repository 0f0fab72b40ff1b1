import type { TTx } from '../db';
import { loadScopeNames } from './admin-dto';
import { toAdminGrant, type TAdminGrant } from './principal';

/** A grant in words, for headers and pages: "All tenants", "Tenant Acme", "Web, Mobile (Acme)". */
export async function describeGrant(options: { db: TTx; grant: TAdminGrant }): Promise<{ summary: string; tenant: string | null; communities: string[] }> {
  const { grant } = options;
  if (grant.role === 'system') return { summary: 'All tenants', tenant: null, communities: [] };
  const names = (await loadScopeNames(options.db, [grant]))(grant);
  const tenant = names.tenant?.name ?? null;
  if (grant.role === 'tenant') return { summary: `Tenant ${tenant ?? '?'}`, tenant, communities: [] };
  const communities = names.communities.map((c) => c.name);
  return { summary: `${communities.join(', ')}${tenant ? ` (${tenant})` : ''}`, tenant, communities };
}

/** The grant of a principal (for describeGrant). */
export function grantOf(principal: { role: TAdminGrant['role']; tenantId?: string; communityIds: string[] }): TAdminGrant {
  return toAdminGrant({ role: principal.role, tenantId: principal.tenantId ?? null, communityIds: principal.communityIds });
}
