import type { TOtpSettings } from '../config';
import type { TDb } from '../db';
import { isAppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TDefer, TMessaging } from '../messaging/message';
import { sendMessage } from '../messaging/send-message';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { findUserByLogin } from '../users/find-user-by-login';
import { issueOtp } from './issue-otp';
import { otpMessage } from './otp-messages';

/**
 * Sends a sign-in code by email or SMS (002 `POST auth/otp/email|sms`) to the user a login name
 * designates — only to a VERIFIED email address, or a VERIFIED phone whose owner consented to
 * messages. Whether or not such a user and address exist, and even when the user's rate limit is
 * reached, the caller learns nothing: with `defer`, the look-up, the code and the delivery all run
 * after the answer, so neither the answer nor its timing depends on who was named. What happened
 * is in the audit trail (`otp.issued` / `otp.request_ignored` / `otp.rate_limited`) and the outbox.
 */
export async function requestOtpByMessage(options: {
  db: TDb;
  kek: Buffer;
  settings: TOtpSettings;
  messaging: TMessaging;
  application: { id: string; communityId: string };
  channel: 'email' | 'sms';
  login: string;
  /** Where delivery runs; default: awaited before returning. */
  defer?: TDefer;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<void> {
  const { db, application, channel } = options;
  const communityId = application.communityId;
  const ignore = async (reason: string, userId?: string) => {
    await writeAuditEvent(db, {
      type: 'otp.request_ignored',
      actor: 'anonymous',
      result: 'failure',
      communityId,
      subject: userId ?? null,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { channel, applicationId: application.id, reason },
    });
  };

  // Everything that depends on the user runs in this task: with `defer` it runs after the answer,
  // so the answer's content and timing are the same whoever was named.
  const task = async (): Promise<void> => {
    const user = await findUserByLogin({ db, communityId, username: options.login });
    if (!user) return ignore('no such user');
    const to = channel === 'email' ? (user.emailVerified ? user.email : null) : user.phoneVerified && user.messagingConsent ? user.phone : null;
    if (!to) return ignore(channel === 'email' ? 'no verified email' : 'no verified phone with messaging consent', user.id);
    let issued;
    try {
      issued = await issueOtp({ db, kek: options.kek, settings: options.settings, communityId, applicationId: application.id, userId: user.id, purpose: 'auth', channel, target: to, actor: 'anonymous', meta: options.meta, now: options.now });
    } catch (e) {
      // Rate limited (already audited): nothing to send, and the caller was answered like everyone else.
      if (isAppError(e) && e.code === 'otp.rate_limited') return;
      throw e;
    }
    const community = await db.community.findUniqueOrThrow({ where: { id: communityId }, select: { rpName: true } });
    const message = otpMessage({ channel, to, code: issued.code, purpose: 'auth', serviceName: community.rpName, ttlSeconds: options.settings.ttlSeconds });
    await sendMessage({ db, communityId, transport: options.messaging[channel], message });
  };
  if (options.defer) options.defer(task);
  else await task();
}
