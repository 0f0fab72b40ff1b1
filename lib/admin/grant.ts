import type { z } from 'zod';
import type { TTx } from '../db';
import { AppError } from '../errors';
import type { TAdminGrant, TAdminPrincipal } from './principal';
import type { ZAdminGrantFields } from './grant-schema';
import { canGrantRole, communityScopeWhere } from './scope';

export { ZAdminGrant, ZAdminGrantFields, ZInviteInput, type TAdminGrantInput, type TInviteInput } from './grant-schema';

/**
 * Checks a requested grant against the database and the granting principal (null: the operator
 * CLI, who may grant anything) and returns it normalised: a system grant has no scope, a tenant
 * grant its tenant, a community grant its (sorted, distinct) communities and their one tenant.
 * Nobody may grant more than they have: a role above their own is refused (403, the role may
 * not do that at all); a tenant or community outside their scope is not found (404).
 * @throws AppError `admin.role_not_grantable`, `tenancy.tenant_not_found`, `tenancy.community_not_found`,
 *   `request.validation_failed` (communities of several tenants)
 */
export async function resolveGrant(options: { db: TTx; principal: TAdminPrincipal | null; grant: z.output<typeof ZAdminGrantFields> }): Promise<TAdminGrant> {
  const { db, principal, grant } = options;
  if (principal && !canGrantRole(principal, grant.role)) {
    throw new AppError('admin.role_not_grantable', { detail: `${principal.role} admin ${principal.adminId} may not grant ${grant.role}` });
  }
  if (grant.role === 'system') return { role: 'system', tenantId: null, communityIds: [] };

  if (grant.role === 'tenant') {
    const tenantId = grant.tenantId ?? '';
    const inScope = !principal || principal.role === 'system' || principal.tenantId === tenantId;
    const tenant = inScope ? await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true } }) : null;
    if (!tenant) throw new AppError('tenancy.tenant_not_found', { detail: `${tenantId} (granting a tenant admin)` });
    return { role: 'tenant', tenantId, communityIds: [] };
  }

  const ids = [...new Set(grant.communityIds)].sort();
  const found = await db.community.findMany({
    where: { AND: [{ id: { in: ids } }, principal ? communityScopeWhere(principal) : { purpose: 'users' }] },
    select: { id: true, tenantId: true },
  });
  const missing = ids.filter((id) => !found.some((c) => c.id === id));
  if (missing.length > 0) throw new AppError('tenancy.community_not_found', { detail: `${missing.join(', ')} (granting a community admin)` });
  const tenants = new Set(found.map((c) => c.tenantId));
  if (tenants.size !== 1 || (grant.tenantId && !tenants.has(grant.tenantId))) {
    throw new AppError('request.validation_failed', {
      fields: { communityIds: 'The communities of a community administrator must all belong to one tenant.' },
      publicMessage: 'Validation error: communityIds: the communities must all belong to one tenant',
    });
  }
  return { role: 'community', tenantId: found[0]!.tenantId, communityIds: ids };
}
