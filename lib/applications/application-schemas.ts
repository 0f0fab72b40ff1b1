import { z } from 'zod';
import { ZListQuery } from '../admin/list-query';
import { TOKEN_TTL_MAX_SECONDS, TOKEN_TTL_MIN_SECONDS } from './application';

/**
 * Inputs of the console's application forms, shared by the forms (useZodForm) and the use-cases
 * (admin-applications.ts, admin-application-keys.ts). The same rules as ZApplicationFields
 * (create-application.ts), with the origins as form lines. No server code: client components
 * import this file.
 */

export const ZApplicationEdit = z
  .object({
    name: z.string().trim().min(1, 'A name is required').max(100, 'At most 100 characters'),
    origins: z
      .array(z.string().max(300, 'An origin has at most 300 characters.'))
      .max(50, 'At most 50 entries.')
      .transform((v) => v.map((s) => s.trim()).filter(Boolean)),
    allowSignUp: z.boolean(),
    tokenTtlSeconds: z.coerce
      .number({ message: 'Enter a number of seconds' })
      .int('Enter whole seconds')
      .min(TOKEN_TTL_MIN_SECONDS, `At least ${TOKEN_TTL_MIN_SECONDS} seconds (5 minutes)`)
      .max(TOKEN_TTL_MAX_SECONDS, `At most ${TOKEN_TTL_MAX_SECONDS} seconds (24 hours)`),
  })
  .strict();
export type TApplicationEdit = z.input<typeof ZApplicationEdit>;

export const ZApplicationCreate = z.object({ communityId: z.string().trim().min(1, 'Choose a community'), ...ZApplicationEdit.shape }).strict();
export type TApplicationCreate = z.input<typeof ZApplicationCreate>;

export const ZApplicationStatus = z.object({ status: z.enum(['active', 'disabled']) }).strict();

/** The list's query: search, paging, and optionally one community. */
export const ZApplicationListQuery = ZListQuery.extend({ communityId: z.string().trim().max(128).optional() }).strict();

/** A new key's optional label (the form's only field). */
export const ZApplicationKeyCreate = z.object({ label: z.string().trim().max(100, 'At most 100 characters').optional() }).strict();
