import { z } from 'zod';

/**
 * Request bodies of the spec 001 endpoints, checked at the edge (CONVENTIONS.md §6) so that `null`,
 * arrays and wrong types get a 400 before any use-case runs. Field contents (username rules, the
 * credential JSON) are validated by the shared passkey use-cases.
 */
export const ZRegistrationRequestBody = z.object({
  userName: z.string().max(256),
  /** Our id of an existing user (returned by an earlier response call), to add a passkey to them. */
  userId: z.string().trim().min(1).max(128).optional(),
  userDisplayName: z.string().max(256).optional(),
});

export const ZAuthenticationRequestBody = z.object({
  /** Optional: without it the ceremony is usernameless (discoverable credentials). */
  userName: z.string().max(256).optional(),
});

export const ZCeremonyResponseBody = z.object({
  session: z.string().min(1).max(128),
  publicKeyCredential: z.object({}).loose(),
});
