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
import { ZEmail } from './contact';
import { loadProfileUser, parseContactBody, type TProfileTarget } from './profile-target';

export const ZUpdateEmailInput = z.object({ email: ZEmail, requestVerification: z.boolean().default(true) });

/**
 * Sets a profile's email address (002 `profile/{id}/email`, body `{email, requestVerification}`).
 * - `requestVerification` (default): the profile does not change yet. A code goes to the new
 *   address; the address waits, as the target of that code, until `profile/email/verify` proves
 *   the user reads it (verify-contact.ts). A failed delivery is an error, so the user knows no
 *   code is coming.
 * - `requestVerification: false`: the address is set at once, unverified (an address only counts
 *   as verified once a code sent to it came back; the same address again keeps its state). Codes
 *   are never sent to an unverified address.
 * @throws AppError `request.validation_failed`, `profile.invalid_email`, `users.not_found`,
 *   `otp.rate_limited`, `messaging.delivery_failed`
 */
export async function updateEmail(options: {
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
  const input = parseContactBody(ZUpdateEmailInput, 'email', options.input);
  const user = await loadProfileUser(db, target);
  if (input.requestVerification) {
    const issued = await issueOtp({ db, kek: options.kek, settings: options.settings, communityId: target.communityId, applicationId: target.applicationId, userId: user.id, purpose: 'email_verify', channel: 'email', target: input.email, actor: target.actor, meta: options.meta, now: options.now });
    const message = otpMessage({ channel: 'email', to: input.email, code: issued.code, purpose: 'email_verify', serviceName: user.community.rpName, ttlSeconds: options.settings.ttlSeconds });
    const sent = await sendMessage({ db, communityId: target.communityId, transport: options.messaging.email, message });
    if (sent.status === 'failed') throw new AppError('messaging.delivery_failed', { detail: `outbox message ${sent.id}` });
    return;
  }
  const emailVerified = user.email === input.email && user.emailVerified;
  await db.$transaction(async (tx: TTx) => {
    await tx.user.update({ where: { id: user.id }, data: { email: input.email, emailVerified } });
    await writeAuditEvent(tx, {
      type: 'profile.email_updated',
      actor: target.actor,
      result: 'success',
      tenantId: user.community.tenantId,
      communityId: target.communityId,
      subject: user.id,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { verified: emailVerified, applicationId: target.applicationId },
    });
  });
}
