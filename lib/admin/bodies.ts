import { z } from 'zod';
import { ZSetupToken } from './enrollment-schema';

/**
 * Request bodies of the console's JSON endpoints, checked at the edge (`.strict()`: unknown fields
 * are refused). The use-cases validate the fields they own (usernames, grants) with their schemas.
 */
export const ZSignInOptionsBody = z.object({ username: z.string().max(256).optional() }).strict();
export const ZSetupOptionsBody = z.object({ token: ZSetupToken, username: z.unknown(), displayName: z.unknown() }).strict();
export const ZCeremonyBody = z.object({ response: z.unknown() }).strict();
export const ZEmptyBody = z.object({}).strict();
