import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope, assertTenantInScope } from '../admin/scope';
import { withLicenseNames, ZAdminCreateLicenseInput, type TAdminLicenseDto } from './admin-license';
import { createLicense } from './create-license';

/**
 * Creates a license from the admin console, through the same use-case as the CLI
 * (createLicense: key shown once, only its hash stored, `licenses.created` audited with actor
 * `admin:<id>` in the same transaction).
 *
 * - `system` licenses only by system admins (403 `licenses.level_not_grantable`).
 * - Every community must be within the caller's scope (else 404, nothing created); the console
 *   community never is.
 * - The license belongs to the caller's tenant (tenant and community admins), or to the tenant a
 *   system admin names (or that all its communities share); its communities must belong to it.
 *
 * @throws AppError `request.validation_failed`, `licenses.level_not_grantable`,
 *   `tenancy.tenant_not_found`, `tenancy.community_not_found`
 */
export async function createLicenseAsAdmin(options: { db: TDb; principal: TAdminPrincipal; input: unknown; now?: Date }): Promise<{ license: TAdminLicenseDto; key: string }> {
  const { principal } = options;
  const input = parseInput(ZAdminCreateLicenseInput, options.input);
  if (input.authLevel === 'system' && principal.role !== 'system') {
    throw new AppError('licenses.level_not_grantable', { detail: `${principal.role} admin ${principal.adminId} asked for a system license` });
  }
  return options.db.$transaction(async (tx: TTx) => {
    let tenantId: string | undefined;
    if (principal.role === 'system') {
      tenantId = input.tenantId === undefined ? undefined : (await assertTenantInScope({ db: tx, principal, tenantId: input.tenantId })).id;
    } else {
      // A tenant or community admin's licenses belong to its tenant; naming another is "not found".
      if (input.tenantId !== undefined && input.tenantId !== principal.tenantId) throw new AppError('tenancy.tenant_not_found', { detail: `${input.tenantId} is not the tenant of admin ${principal.adminId}` });
      tenantId = principal.tenantId;
    }
    const communities = [];
    for (const communityId of new Set(input.communityIds)) communities.push(await assertCommunityInScope({ db: tx, principal, communityId }));
    // A system admin's license for the communities of one tenant belongs to that tenant, so that
    // its tenant admins see it too.
    const tenants = new Set(communities.map((c) => c.tenantId));
    if (tenantId === undefined && tenants.size === 1) tenantId = [...tenants][0];
    const outside = communities.filter((c) => tenantId !== undefined && c.tenantId !== tenantId);
    if (outside.length > 0) throw new AppError('tenancy.community_not_found', { detail: `${outside.map((c) => c.id).join(', ')} not in tenant ${tenantId}` });
    const created = await createLicense({
      db: tx,
      input: { authLevel: input.authLevel, communityIds: input.communityIds, ...(tenantId ? { tenantId } : {}), ...(input.label ? { label: input.label } : {}) },
      actor: adminActor(principal),
      now: options.now,
    });
    const [license] = await withLicenseNames(tx, [created.license]);
    return { license: license!, key: created.key };
  });
}
