import type { TOtpSettings } from '../config';
import type { TDb } from '../db';
import { AppError } from '../errors';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { issueOtp } from './issue-otp';

/**
 * A signed-in user asks for a sign-in code to type on another device (002 `POST auth/otp`): the
 * code is returned to them directly, nothing is sent. Tied to the application of their token.
 * @throws AppError `users.not_found` (the token's user is gone or disabled), `otp.rate_limited`
 */
export async function requestOtpForUser(options: {
  db: TDb;
  kek: Buffer;
  settings: TOtpSettings;
  application: { id: string; communityId: string };
  userId: string;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ code: string; expiresAt: Date }> {
  const { db, application, userId } = options;
  const user = await db.user.findFirst({ where: { id: userId, communityId: application.communityId, status: 'active' }, select: { id: true } });
  if (!user) throw new AppError('users.not_found', { detail: `token user ${userId} not active in ${application.communityId}` });
  const issued = await issueOtp({
    db,
    kek: options.kek,
    settings: options.settings,
    communityId: application.communityId,
    applicationId: application.id,
    userId,
    purpose: 'auth',
    channel: 'direct',
    actor: `user:${userId}`,
    meta: options.meta,
    now: options.now,
  });
  return { code: issued.code, expiresAt: issued.expiresAt };
}
