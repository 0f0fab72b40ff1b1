import type { TTx } from '../db';
import { AppError } from '../errors';
import type { TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { maskOneTimeCodes, type TAdminOutboxMessageDto } from './admin-outbox';

/**
 * One message of a community the caller administers, with its body; a one-time code in it is
 * masked while it may still work (maskOneTimeCodes). Read-only.
 * @throws AppError `messaging.message_not_found` (unknown or outside the caller's scope)
 */
export async function getOutboxMessage(options: { db: TTx; principal: TAdminPrincipal; messageId: string; otpTtlSeconds: number; now?: Date }): Promise<TAdminOutboxMessageDto> {
  const row = await options.db.outboxMessage.findFirst({
    where: { id: options.messageId, ...communityRowScopeWhere(options.principal) },
    select: { id: true, channel: true, to: true, subject: true, body: true, status: true, error: true, createdAt: true, community: { select: { id: true, name: true } } },
  });
  if (!row) throw new AppError('messaging.message_not_found', { detail: `${options.messageId} not in the scope of admin ${options.principal.adminId}` });
  return {
    id: row.id,
    community: row.community,
    channel: row.channel as TAdminOutboxMessageDto['channel'],
    to: row.to,
    subject: row.subject,
    status: row.status as TAdminOutboxMessageDto['status'],
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    ...maskOneTimeCodes(row, { otpTtlSeconds: options.otpTtlSeconds, now: options.now ?? new Date() }),
  };
}
