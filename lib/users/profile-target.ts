import { z } from 'zod';
import type { TOtpSettings } from '../config';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { validationError } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TMessageTransport } from '../messaging/message';
import { sendMessage } from '../messaging/send-message';
import { issueOtp } from '../otp/issue-otp';
import { otpMessage } from '../otp/otp-messages';
import type { TRequestMeta } from '../passkeys/audit-failure';

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

type TProfileUser = Awaited<ReturnType<typeof loadProfileUser>>;

/**
 * Sends a verification code for a new email address or phone number: the code waits, with the
 * address as its target, until `profile/{email|phone}/verify` brings it back (verify-contact.ts).
 * A failed delivery is an error, so the user knows no code is coming.
 * @throws AppError `otp.rate_limited`, `messaging.delivery_failed`
 */
export async function sendContactCode(options: {
  db: TDb;
  kek: Buffer;
  settings: TOtpSettings;
  transport: TMessageTransport;
  target: TProfileTarget;
  user: TProfileUser;
  channel: 'email' | 'sms';
  address: string;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<void> {
  const { db, target, channel, address } = options;
  const purpose = channel === 'email' ? 'email_verify' : 'phone_verify';
  const issued = await issueOtp({ db, kek: options.kek, settings: options.settings, communityId: target.communityId, applicationId: target.applicationId, userId: options.user.id, purpose, channel, target: address, actor: target.actor, meta: options.meta, now: options.now });
  const message = otpMessage({ channel, to: address, code: issued.code, purpose, serviceName: options.user.community.rpName, ttlSeconds: options.settings.ttlSeconds });
  const sent = await sendMessage({ db, communityId: target.communityId, transport: options.transport, message });
  if (sent.status === 'failed') throw new AppError('messaging.delivery_failed', { detail: `outbox message ${sent.id}` });
}

/** The audit event of a profile change made through an application (`profile.*`), in the change's transaction. */
export async function writeProfileEvent(tx: TTx, options: { type: string; target: TProfileTarget; user: TProfileUser; meta?: TRequestMeta; detail: Record<string, unknown> }): Promise<void> {
  const { target } = options;
  await writeAuditEvent(tx, {
    type: options.type,
    actor: target.actor,
    result: 'success',
    tenantId: options.user.community.tenantId,
    communityId: target.communityId,
    subject: options.user.id,
    ip: options.meta?.ip,
    userAgent: options.meta?.userAgent,
    detail: { ...options.detail, applicationId: target.applicationId },
  });
}
