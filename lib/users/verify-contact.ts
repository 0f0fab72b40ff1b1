import { z } from 'zod';
import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { consumeOtp } from '../otp/consume-otp';
import { ZOtpCode } from '../otp/otp-code';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { findUserByLogin } from './find-user-by-login';

export const ZVerifyContactInput = z.object({ authCode: ZOtpCode, username: z.string().trim().min(1).max(320) });

/**
 * Completes an email or phone change (002 `POST profile/email/verify` and `profile/phone/verify`,
 * body `{authCode, username}`): the code must be the user's newest live verification code of this
 * kind, from this application (consume-otp.ts). The address the code was sent to becomes the
 * profile's, verified; a verified phone also records the messaging consent its verification
 * required. Consumption, the change and `profile.email_verified` / `profile.phone_verified` are
 * one transaction.
 * @throws AppError `request.validation_failed`, `otp.invalid_code`
 */
export async function verifyContact(options: {
  db: TDb;
  kek: Buffer;
  application: { id: string; communityId: string };
  kind: 'email' | 'phone';
  input: unknown;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<void> {
  const { db, application, kind } = options;
  const input = parseInput(ZVerifyContactInput, options.input);
  const communityId = application.communityId;
  const user = await findUserByLogin({ db, communityId, username: input.username });
  await consumeOtp({
    db,
    kek: options.kek,
    communityId,
    applicationId: application.id,
    userId: user?.id ?? null,
    purpose: kind === 'email' ? 'email_verify' : 'phone_verify',
    code: input.authCode,
    actor: user ? `user:${user.id}` : 'anonymous',
    meta: options.meta,
    now: options.now,
    onConsumed: async (tx, otp) => {
      const address = otp.target!;
      await tx.user.update({
        where: { id: user!.id },
        data: kind === 'email' ? { email: address, emailVerified: true } : { phone: address, phoneVerified: true, messagingConsent: true },
      });
      await writeAuditEvent(tx, {
        type: kind === 'email' ? 'profile.email_verified' : 'profile.phone_verified',
        actor: `user:${user!.id}`,
        result: 'success',
        communityId,
        subject: user!.id,
        ip: options.meta?.ip,
        userAgent: options.meta?.userAgent,
        detail: { otpId: otp.id, applicationId: application.id },
      });
    },
  });
}
