import type { TTx } from '../db';
import type { TScopeRef } from './admin-dto';
import type { TAdminPrincipal } from './principal';
import { communityScopeWhere, tenantScopeWhere } from './scope';

export type TScopeOptions = { tenants: Array<TScopeRef & { manageable: boolean; communities: TScopeRef[] }> };

/**
 * The tenants and communities the caller administers, grouped by tenant and sorted by name: what
 * the console's pickers offer (invite, change role, and later every "choose a community" field).
 * `manageable` says whether the caller administers the tenant as a whole.
 */
export async function listScopeOptions(options: { db: TTx; principal: TAdminPrincipal }): Promise<TScopeOptions> {
  const { principal } = options;
  const communities = await options.db.community.findMany({
    where: communityScopeWhere(principal),
    select: { id: true, name: true, tenant: { select: { id: true, name: true } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const tenants = new Map<string, TScopeOptions['tenants'][number]>();
  // Tenants administered as a whole are listed even without communities.
  for (const t of await options.db.tenant.findMany({ where: tenantScopeWhere(principal), select: { id: true, name: true } })) tenants.set(t.id, { ...t, manageable: true, communities: [] });
  for (const c of communities) {
    const entry = tenants.get(c.tenant.id) ?? { ...c.tenant, manageable: false, communities: [] };
    entry.communities.push({ id: c.id, name: c.name });
    tenants.set(c.tenant.id, entry);
  }
  return { tenants: [...tenants.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) };
}
