import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { parseInput } from '../errors/validation';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope } from '../admin/scope';
import { createApiKey } from './create-api-key';
import { withApiKeyNames, type TAdminApiKeyDto } from './admin-api-key';

/** The create form's input, shared by the endpoint and the form (`useZodForm`). */
export const ZAdminCreateApiKeyInput = z
  .object({
    communityId: z.string().trim().min(1, 'Choose a community.').max(128),
    allowedOrigins: z.array(z.string().trim().min(1, 'An origin may not be empty.').max(300)).min(1, 'Enter at least one allowed origin.').max(50, 'At most 50 origins.'),
    label: z
      .string()
      .trim()
      .max(100, 'A label has at most 100 characters.')
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .strict();
export type TAdminCreateApiKeyInput = z.input<typeof ZAdminCreateApiKeyInput>;

/**
 * Creates an API key (spec 001) for a community the caller administers, through the CLI's
 * use-case (createApiKey: the key shown once, only its hash stored, every allowed origin checked
 * against the community, `apikeys.created` audited with actor `admin:<id>` in the same
 * transaction). Another tenant's community, or the console's, is "not found" and nothing is made.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`,
 *   `tenancy.invalid_origin`, `apikeys.origin_not_in_community`
 */
export async function createApiKeyAsAdmin(options: { db: TDb; principal: TAdminPrincipal; input: unknown; now?: Date }): Promise<{ apiKey: TAdminApiKeyDto; key: string }> {
  const input = parseInput(ZAdminCreateApiKeyInput, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    await assertCommunityInScope({ db: tx, principal: options.principal, communityId: input.communityId });
    const created = await createApiKey({ db: tx, input: { communityId: input.communityId, allowedOrigins: input.allowedOrigins, ...(input.label ? { label: input.label } : {}) }, actor: adminActor(options.principal), now: options.now });
    const [apiKey] = await withApiKeyNames(tx, [created.apiKey]);
    return { apiKey: apiKey!, key: created.key };
  });
}
