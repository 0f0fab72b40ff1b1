import { z } from 'zod';
import { ADMIN_ROLES } from './principal';

/**
 * The role-and-scope fields of the console's invite and change-role forms: one schema for the
 * browser (components/admin) and the server (lib/admin/grant.ts). Free of server imports so
 * client components can use it.
 */

const ZId = z.string().trim().min(1).max(64);

/** The fields of a grant (role and scope); shared by the invite and change-role forms and endpoints. */
export const ZAdminGrantFields = z.object({
  role: z.enum(ADMIN_ROLES, { message: 'Choose a role.' }),
  // An unselected <select> sends ''.
  tenantId: z.preprocess((v) => (v === '' ? undefined : v), ZId.nullish()),
  communityIds: z.array(ZId).max(100, 'Choose at most 100 communities.').default([]),
});

/** A tenant admin needs its tenant; a community admin at least one community. */
function refineGrant(grant: z.output<typeof ZAdminGrantFields>, ctx: z.RefinementCtx): void {
  if (grant.role === 'tenant' && !grant.tenantId) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'Choose the tenant this administrator manages.' });
  if (grant.role === 'community' && grant.communityIds.length === 0) ctx.addIssue({ code: 'custom', path: ['communityIds'], message: 'Choose at least one community.' });
}

/** Role and scope of an administrator (change role). */
export const ZAdminGrant = ZAdminGrantFields.strict().superRefine(refineGrant);
export type TAdminGrantInput = z.input<typeof ZAdminGrant>;

/** An invitation: a grant and a note on who it is for. */
export const ZInviteInput = ZAdminGrantFields.extend({ label: z.string().trim().max(100, 'A note has at most 100 characters.').optional() }).strict().superRefine(refineGrant);
export type TInviteInput = z.input<typeof ZInviteInput>;
