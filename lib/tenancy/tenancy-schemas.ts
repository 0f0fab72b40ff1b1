import { z } from 'zod';
import { ZRpSettingsInput } from './rp-settings';

/**
 * Inputs of the console's tenant and community forms, shared by the forms (useZodForm) and the
 * use-cases (lib/tenancy/admin-tenants.ts, edit-community.ts). No server code here: client
 * components import this file.
 */

const ZName = z.string().trim().min(1, 'A name is required').max(100, 'At most 100 characters');

/** Creating or renaming a tenant: its name (DNS names are an operator matter: `latchkey tenant create`). */
export const ZTenantNameInput = z.object({ name: ZName }).strict();
export type TTenantNameInput = z.input<typeof ZTenantNameInput>;

/** A new community: its name and the relying party's essentials; the origins as form lines. */
export const ZCommunityCreateInput = z
  .object({
    tenantId: z.string().trim().min(1, 'Choose a tenant'),
    name: ZName,
    rpId: z.string().trim().toLowerCase().min(1, 'rpId is required').max(253),
    rpName: ZRpSettingsInput.shape.rpName,
    origins: z
      .array(z.string().max(300, 'An origin has at most 300 characters.'))
      .max(50, 'At most 50 entries.')
      .transform((v) => v.map((s) => s.trim()).filter(Boolean))
      .refine((v) => v.length > 0, 'At least one origin is required'),
    userVerification: ZRpSettingsInput.shape.userVerification,
    attestation: ZRpSettingsInput.shape.attestation,
  })
  .strict();
export type TCommunityCreateInput = z.input<typeof ZCommunityCreateInput>;

/** The General section of a community: its name (unique in its tenant). */
export const ZCommunityGeneralEdit = z.object({ name: ZName }).strict();
export type TCommunityGeneralEdit = z.input<typeof ZCommunityGeneralEdit>;
