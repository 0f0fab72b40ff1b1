import { z } from 'zod';
import type { TOtpSettings } from '../config';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import type { TMessaging } from '../messaging/message';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { ZPhoneNumber } from './contact';
import { loadProfileUser, parseContactBody, sendContactCode, writeProfileEvent, type TProfileTarget } from './profile-target';

export const ZUpdatePhoneInput = z.object({ phoneNumber: ZPhoneNumber, messagingConsent: z.boolean().default(false), requestVerification: z.boolean().default(true) });

/**
 * Sets a profile's phone number (002 `profile/{id}/phone`, body `{phoneNumber, messagingConsent,
 * requestVerification}`), E.164.
 * - `requestVerification` (default) sends a code by SMS, so it needs `messagingConsent: true`
 *   (002: "This method will fail if verification is requested but no consent is provided"). The
 *   profile changes only when the code comes back (verify-contact.ts): number verified, consent
 *   recorded.
 * - `requestVerification: false` sets the number and the consent at once, unverified (the same
 *   number again keeps its state). SMS codes only go to verified numbers with consent.
 * @throws AppError `request.validation_failed`, `profile.invalid_phone`, `profile.consent_required`,
 *   `users.not_found`, `otp.rate_limited`, `messaging.delivery_failed`
 */
export async function updatePhone(options: {
  db: TDb;
  kek: Buffer;
  settings: TOtpSettings;
  messaging: TMessaging;
  target: TProfileTarget;
  input: unknown;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<void> {
  const { db, target } = options;
  const input = parseContactBody(ZUpdatePhoneInput, 'phoneNumber', options.input);
  if (input.requestVerification && !input.messagingConsent) throw new AppError('profile.consent_required');
  const user = await loadProfileUser(db, target);
  if (input.requestVerification) {
    await sendContactCode({ ...options, transport: options.messaging.sms, user, channel: 'sms', address: input.phoneNumber });
    return;
  }
  const phoneVerified = user.phone === input.phoneNumber && user.phoneVerified;
  await db.$transaction(async (tx: TTx) => {
    await tx.user.update({ where: { id: user.id }, data: { phone: input.phoneNumber, phoneVerified, messagingConsent: input.messagingConsent } });
    await writeProfileEvent(tx, { type: 'profile.phone_updated', target, user, meta: options.meta, detail: { verified: phoneVerified, messagingConsent: input.messagingConsent } });
  });
}
