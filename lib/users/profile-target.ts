import { z } from 'zod';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { validationError } from '../errors/validation';

/**
 * The profile a profile call acts on: a user of a community, reached through an application (a
 * user's own jwtAccess, or the application's management key). Every query carries the community.
 */
export type TProfileTarget = { communityId: string; applicationId: string; userId: string; actor: string };

/**
 * The target's active user, with the fields profile changes need.
 * @throws AppError `users.not_found`
 */
export async function loadProfileUser(db: TTx, target: TProfileTarget) {
  const user = await db.user.findFirst({
    where: { id: target.userId, communityId: target.communityId, status: 'active' },
    select: { id: true, username: true, email: true, emailVerified: true, phone: true, phoneVerified: true, messagingConsent: true, community: { select: { tenantId: true, rpName: true } } },
  });
  if (!user) throw new AppError('users.not_found', { detail: `${target.userId} in ${target.communityId}` });
  return user;
}

/**
 * Parses a body whose `email` / `phoneNumber` field gets its own error code (a clear 400 the
 * client can act on) while the other fields are validated as usual.
 * @throws AppError `request.validation_failed`, `profile.invalid_email`, `profile.invalid_phone`
 */
export function parseContactBody<S extends z.ZodObject>(schema: S, field: 'email' | 'phoneNumber', input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const contactIssue = parsed.error.issues.find((i) => i.path[0] === field && i.code !== 'invalid_type');
  if (contactIssue) throw new AppError(field === 'email' ? 'profile.invalid_email' : 'profile.invalid_phone', { detail: contactIssue.message });
  throw validationError(parsed.error);
}
