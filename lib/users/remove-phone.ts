import type { TDb, TTx } from '../db';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { loadProfileUser, writeProfileEvent, type TProfileTarget } from './profile-target';

/**
 * Removes a profile's phone number and the messaging consent that went with it (002 `DELETE
 * profile/{id}/phone`). Pending phone verifications end too. Idempotent when the profile has none.
 * @throws AppError `users.not_found`
 */
export async function removePhone(options: { db: TDb; target: TProfileTarget; meta?: TRequestMeta; now?: Date }): Promise<void> {
  const { db, target } = options;
  const now = options.now ?? new Date();
  await db.$transaction(async (tx: TTx) => {
    const user = await loadProfileUser(tx, target);
    await tx.user.update({ where: { id: user.id }, data: { phone: null, phoneVerified: false, messagingConsent: false } });
    await tx.otpCode.updateMany({ where: { communityId: target.communityId, userId: user.id, purpose: 'phone_verify', usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await writeProfileEvent(tx, { type: 'profile.phone_removed', target, user, meta: options.meta, detail: { hadPhone: user.phone !== null } });
  });
}
