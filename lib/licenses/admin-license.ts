import { z } from 'zod';
import type { Prisma, TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { LICENSE_DTO_SELECT, toLicenseDto, ZAuthLevel, type TLicenseDto } from './license';

/**
 * Licenses as the admin console sees them: which licenses an administrator may see and revoke,
 * the console's create form schema, and the DTO with tenant and community names.
 *
 * Scope (docs/admin/licenses.md): a system admin sees every license; a tenant admin the licenses
 * of its tenant (`License.tenantId`); a community admin the licenses of its tenant whose
 * communities are all its own (a license naming no community means "all" and is never its own).
 */

export type TScopeName = { id: string; name: string };
export type TAdminLicenseDto = TLicenseDto & { tenant: TScopeName | null; communities: TScopeName[] };

/** The create form's input, shared by the endpoint and the form (`useZodForm`). */
export const ZAdminCreateLicenseInput = z
  .object({
    authLevel: ZAuthLevel,
    /** System admins only: the tenant the license belongs to (none: a service-wide license). */
    tenantId: z
      .string()
      .trim()
      .max(128)
      .optional()
      .transform((v) => (v ? v : undefined)),
    communityIds: z.array(z.string().trim().min(1).max(128)).max(100).default([]),
    label: z
      .string()
      .trim()
      .max(100, 'A label has at most 100 characters.')
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .strict()
  .superRefine((v, ctx) => {
    // As createLicense: only a service-wide system license may name no community (= all).
    if (v.communityIds.length === 0 && (v.authLevel !== 'system' || v.tenantId !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['communityIds'], message: 'Choose at least one community.' });
    }
  });
export type TAdminCreateLicenseInput = z.input<typeof ZAdminCreateLicenseInput>;

/** A `where` for the licenses that may be in the principal's scope; {@link isLicenseInScope} is exact. */
export function licenseScopeWhere(principal: TAdminPrincipal): Prisma.LicenseWhereInput {
  return principal.role === 'system' ? {} : { tenantId: principal.tenantId ?? '' };
}

/** Whether the principal may see (and revoke) the license. */
export function isLicenseInScope(principal: TAdminPrincipal, license: { tenantId: string | null; communityIds: string[] }): boolean {
  switch (principal.role) {
    case 'system':
      return true;
    case 'tenant':
      return principal.tenantId !== undefined && license.tenantId === principal.tenantId;
    case 'community':
      return (
        principal.tenantId !== undefined &&
        license.tenantId === principal.tenantId &&
        license.communityIds.length > 0 &&
        license.communityIds.every((id) => principal.communityIds.includes(id))
      );
  }
}

/** The licenses in scope (unpaged, newest first), as DTOs with names. */
export async function findLicensesInScope(db: TTx, principal: TAdminPrincipal, where: Prisma.LicenseWhereInput = {}): Promise<TLicenseDto[]> {
  const rows = await db.license.findMany({ where: { AND: [licenseScopeWhere(principal), where] }, select: LICENSE_DTO_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  return rows.map(toLicenseDto).filter((l) => isLicenseInScope(principal, l));
}

/** Adds tenant and community names to license DTOs (one query each). */
export async function withLicenseNames(db: TTx, licenses: TLicenseDto[]): Promise<TAdminLicenseDto[]> {
  const tenantIds = [...new Set(licenses.flatMap((l) => (l.tenantId ? [l.tenantId] : [])))];
  const communityIds = [...new Set(licenses.flatMap((l) => l.communityIds))];
  const [tenants, communities] = await Promise.all([
    db.tenant.findMany({ where: { id: { in: tenantIds } }, select: { id: true, name: true } }),
    db.community.findMany({ where: { id: { in: communityIds } }, select: { id: true, name: true } }),
  ]);
  const tenantName = new Map(tenants.map((t) => [t.id, t.name]));
  const communityName = new Map(communities.map((c) => [c.id, c.name]));
  return licenses.map((l) => ({
    ...l,
    tenant: l.tenantId ? { id: l.tenantId, name: tenantName.get(l.tenantId) ?? l.tenantId } : null,
    communities: l.communityIds.map((id) => ({ id, name: communityName.get(id) ?? id })),
  }));
}
