import { z } from 'zod';
import type { TOtpSettings } from '../config';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TMessaging } from '../messaging/message';
import { sendMessage } from '../messaging/send-message';
import { issueOtp } from '../otp/issue-otp';
import { otpMessage } from '../otp/otp-messages';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { ZPhoneNumber } from './contact';
import { loadProfileUser, parseContactBody, type TProfileTarget } from './profile-target';

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
    const issued = await issueOtp({ db, kek: options.kek, settings: options.settings, communityId: target.communityId, applicationId: target.applicationId, userId: user.id, purpose: 'phone_verify', channel: 'sms', target: input.phoneNumber, actor: target.actor, meta: options.meta, now: options.now });
    const message = otpMessage({ channel: 'sms', to: input.phoneNumber, code: issued.code, purpose: 'phone_verify', serviceName: user.community.rpName, ttlSeconds: options.settings.ttlSeconds });
    const sent = await sendMessage({ db, communityId: target.communityId, transport: options.messaging.sms, message });
    if (sent.status === 'failed') throw new AppError('messaging.delivery_failed', { detail: `outbox message ${sent.id}` });
    return;
  }
  const phoneVerified = user.phone === input.phoneNumber && user.phoneVerified;
  await db.$transaction(async (tx: TTx) => {
    await tx.user.update({ where: { id: user.id }, data: { phone: input.phoneNumber, phoneVerified, messagingConsent: input.messagingConsent } });
    await writeAuditEvent(tx, {
      type: 'profile.phone_updated',
      actor: target.actor,
      result: 'success',
      tenantId: user.community.tenantId,
      communityId: target.communityId,
      subject: user.id,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { verified: phoneVerified, messagingConsent: input.messagingConsent, applicationId: target.applicationId },
    });
  });
}
