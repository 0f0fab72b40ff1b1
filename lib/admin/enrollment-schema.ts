import { z } from 'zod';
import { ZDisplayName, ZUsername } from '../users/username';

/** The setup page's form: the new administrator's username and name (one schema for browser and server). */
export const ZEnrollmentInput = z.object({ username: ZUsername, displayName: ZDisplayName });
export type TEnrollmentInput = z.input<typeof ZEnrollmentInput>;

/** The setup link's token (the `token` search parameter), as the setup endpoints take it. */
export const ZSetupToken = z.string().trim().min(1, 'The setup link has no token.').max(128);
