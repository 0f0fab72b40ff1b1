import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { ZEmail } from './contact';
import { loadProfileUser, writeProfileEvent, parseContactBody, type TProfileTarget } from './profile-target';

export const ZRemoveEmailInput = z.object({ email: ZEmail.optional() });

/**
 * Removes a profile's email address (002 `DELETE profile/{id}/email`; the 002 document sends the
 * address in the body: when given it must be the profile's, so a stale client cannot remove a
 * newer address). Pending email verifications end too. Idempotent when the profile has none.
 * @throws AppError `request.validation_failed`, `profile.invalid_email`, `profile.email_not_found`, `users.not_found`
 */
export async function removeEmail(options: { db: TDb; target: TProfileTarget; input?: unknown; meta?: TRequestMeta; now?: Date }): Promise<void> {
  const { db, target } = options;
  const input = parseContactBody(ZRemoveEmailInput, 'email', options.input ?? {});
  const now = options.now ?? new Date();
  await db.$transaction(async (tx: TTx) => {
    const user = await loadProfileUser(tx, target);
    if (input.email !== undefined && input.email !== user.email) throw new AppError('profile.email_not_found');
    await tx.user.update({ where: { id: user.id }, data: { email: null, emailVerified: false } });
    await tx.otpCode.updateMany({ where: { communityId: target.communityId, userId: user.id, purpose: 'email_verify', usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await writeProfileEvent(tx, { type: 'profile.email_removed', target, user, meta: options.meta, detail: { hadEmail: user.email !== null } });
  });
}
