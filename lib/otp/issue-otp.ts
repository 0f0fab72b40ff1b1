import type { TOtpSettings } from '../config';
import type { TDb } from '../db';
import { inSerializableTransaction } from '../db/serializable';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { hashOtpCode, newOtpCode, otpHashKey, type TOtpChannel, type TOtpPurpose } from './otp-code';

export type TIssuedOtp = { id: string; code: string; expiresAt: Date };

/**
 * Creates a one-time code for a user and stores only its HMAC (otp-code.ts), with its lifetime,
 * attempt budget, application and — for email/phone verification — the address it verifies.
 *
 * - Per-user rate limit, kept in the database so that every instance shares it: at most
 *   `settings.rateLimit` codes per user in `settings.rateWindowSeconds`, counted from the code
 *   rows themselves. Count and insert run in one serializable transaction, so concurrent requests
 *   cannot both pass at the limit.
 * - A new code supersedes the user's earlier live codes of the same purpose (they expire now):
 *   at most one code per purpose can be guessed at a time.
 * - Rows older than the rate window and expired are removed on the way (housekeeping).
 * - `otp.issued` is audited in the same transaction (never the code).
 * @throws AppError `otp.rate_limited`, `service.unavailable`
 */
export async function issueOtp(options: {
  db: TDb;
  kek: Buffer;
  settings: TOtpSettings;
  communityId: string;
  applicationId: string | null;
  userId: string;
  purpose: TOtpPurpose;
  channel: TOtpChannel;
  target?: string | null;
  actor: string;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<TIssuedOtp> {
  const { db, settings, communityId, userId, purpose } = options;
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - settings.rateWindowSeconds * 1000);
  const code = newOtpCode();
  const codeHash = hashOtpCode(otpHashKey(options.kek), { communityId, userId, purpose }, code);
  const expiresAt = new Date(now.getTime() + settings.ttlSeconds * 1000);
  try {
    return await inSerializableTransaction(db, 'otp issue', async (tx) => {
      const recent = await tx.otpCode.count({ where: { communityId, userId, createdAt: { gte: windowStart } } });
      if (recent >= settings.rateLimit) throw new AppError('otp.rate_limited', { detail: `${recent} codes for user ${userId} since ${windowStart.toISOString()}` });
      await tx.otpCode.updateMany({ where: { communityId, userId, purpose, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
      await tx.otpCode.deleteMany({ where: { communityId, userId, createdAt: { lt: windowStart }, expiresAt: { lt: now } } });
      const row = await tx.otpCode.create({
        data: { communityId, applicationId: options.applicationId, userId, purpose, channel: options.channel, target: options.target ?? null, codeHash, maxAttempts: settings.maxAttempts, createdAt: now, expiresAt },
        select: { id: true },
      });
      await writeAuditEvent(tx, {
        type: 'otp.issued',
        actor: options.actor,
        result: 'success',
        communityId,
        subject: userId,
        ip: options.meta?.ip,
        userAgent: options.meta?.userAgent,
        detail: { otpId: row.id, purpose, channel: options.channel, applicationId: options.applicationId, expiresAt: expiresAt.toISOString() },
      });
      return { id: row.id, code, expiresAt };
    });
  } catch (e) {
    if (e instanceof AppError && e.code === 'otp.rate_limited') {
      await writeAuditEvent(db, { type: 'otp.rate_limited', actor: options.actor, result: 'failure', communityId, subject: userId, ip: options.meta?.ip, userAgent: options.meta?.userAgent, detail: { purpose, channel: options.channel } });
    }
    throw e;
  }
}
