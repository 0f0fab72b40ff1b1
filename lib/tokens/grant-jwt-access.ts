import { z } from 'zod';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { ZUsername } from '../users/username';
import { issueJwtAccess, ZFido2Scope } from './jwt-access';

export const ZGrantInput = z.object({
  grants: z.array(ZFido2Scope).min(1, 'at least one grant').max(6),
  username: ZUsername,
});

/**
 * An application's back end mints a jwtAccess for one of its community's users with exactly the
 * requested grants (002 `POST mgmt/grant`, body `{grants, username}` → `{token}`) — e.g. to let a
 * user it signed in another way add a passkey (`reg:write`). The user must exist and be active:
 * accounts are made by registration, not by a grant. Audited as `tokens.granted`.
 * @throws AppError `request.validation_failed`, `users.not_found`, `passkeys.user_disabled`
 */
export async function grantJwtAccess(options: {
  db: TDb;
  kek: Buffer;
  origin: string;
  application: { id: string; communityId: string; tokenTtlSeconds: number };
  input: unknown;
  actor: string;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ token: string }> {
  const { db, application } = options;
  const input = parseInput(ZGrantInput, options.input);
  const user = await db.user.findFirst({ where: { communityId: application.communityId, username: input.username }, select: { id: true, username: true, status: true } });
  if (!user) throw new AppError('users.not_found', { detail: `grant for unknown username in ${application.communityId}` });
  if (user.status !== 'active') throw new AppError('passkeys.user_disabled', { detail: user.id });
  const token = await issueJwtAccess({ db, kek: options.kek, origin: options.origin, app: application, user, scopes: input.grants, now: options.now });
  await writeAuditEvent(db, {
    type: 'tokens.granted',
    actor: options.actor,
    result: 'success',
    communityId: application.communityId,
    subject: user.id,
    ip: options.meta?.ip,
    userAgent: options.meta?.userAgent,
    detail: { applicationId: application.id, scopes: [...new Set(input.grants)] },
  });
  return { token };
}
