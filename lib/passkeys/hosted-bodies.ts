import { z } from 'zod';

/**
 * Request bodies of the hosted JSON endpoints, checked at the edge so that `null`, arrays or
 * other non-objects get a 400 rather than reaching the use-cases.
 */
export const ZCeremonyResultBody = z.object({ response: z.unknown() });
export const ZAuthenticationOptionsBody = z.object({ username: z.string().max(256).optional() });
export const ZRegistrationOptionsBody = z.object({ username: z.unknown().optional(), displayName: z.unknown().optional() });
