import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { hashOtpCode, otpHashesEqual, otpHashKey, type TOtpPurpose } from './otp-code';

export type TConsumedOtp = { id: string; channel: string; target: string | null; applicationId: string | null };

/**
 * Checks a code and uses it up, then runs `onConsumed` (the change the code authorises) and the
 * `otp.verified` audit event in the same transaction as the consumption.
 *
 * 1. The user's newest live code of this purpose and application is looked up (earlier ones were
 *    superseded when it was issued).
 * 2. One attempt is claimed BEFORE the guess is compared: an update that only succeeds while the
 *    code is unused, unexpired and has attempts left. So at most `maxAttempts` guesses are ever
 *    compared, however many arrive at once, and then the code is dead.
 * 3. A matching guess marks the code used with a compare-and-set (`usedAt` still null): of two
 *    concurrent correct guesses exactly one wins.
 *
 * Every refusal is the same `otp.invalid_code` (wrong, expired, used, out of attempts, another
 * user's or application's, unknown user): the reason goes to the audit trail only. Pass
 * `userId: null` for a user that does not exist: the same work is done and the answer is the same.
 * @throws AppError `otp.invalid_code`
 */
export async function consumeOtp<T>(options: {
  db: TDb;
  kek: Buffer;
  communityId: string;
  applicationId: string;
  userId: string | null;
  purpose: TOtpPurpose;
  code: string;
  actor: string;
  meta?: TRequestMeta;
  now?: Date;
  onConsumed: (tx: TTx, otp: TConsumedOtp) => Promise<T>;
}): Promise<T> {
  const { db, communityId, applicationId, userId, purpose } = options;
  const now = options.now ?? new Date();
  const key = otpHashKey(options.kek);
  const refuse = async (reason: string, otpId?: string): Promise<never> => {
    await writeAuditEvent(db, {
      type: 'otp.verify_failed',
      actor: options.actor,
      result: 'failure',
      communityId,
      subject: userId,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { purpose, applicationId, reason, ...(otpId ? { otpId } : {}) },
    });
    throw new AppError('otp.invalid_code', { detail: reason });
  };

  if (userId === null) {
    // Same hashing work as for a real user, so the answer's timing does not tell them apart.
    hashOtpCode(key, { communityId, userId: '-', purpose }, options.code);
    return refuse('unknown user');
  }
  const row = await db.otpCode.findFirst({
    where: { communityId, userId, purpose, applicationId, usedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, codeHash: true, maxAttempts: true, channel: true, target: true, applicationId: true },
  });
  const guess = hashOtpCode(key, { communityId, userId, purpose }, options.code);
  if (!row) return refuse('no live code');
  const claim = await db.otpCode.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: now }, attempts: { lt: row.maxAttempts } },
    data: { attempts: { increment: 1 } },
  });
  if (claim.count !== 1) return refuse('no attempts left', row.id);
  if (!otpHashesEqual(guess, row.codeHash)) return refuse('wrong code', row.id);

  return db.$transaction(async (tx: TTx) => {
    const used = await tx.otpCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) throw new AppError('otp.invalid_code', { detail: `code ${row.id} used concurrently` });
    await writeAuditEvent(tx, {
      type: 'otp.verified',
      actor: options.actor,
      result: 'success',
      communityId,
      subject: userId,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: { otpId: row.id, purpose, channel: row.channel, applicationId },
    });
    return options.onConsumed(tx, { id: row.id, channel: row.channel, target: row.target, applicationId: row.applicationId });
  });
}
