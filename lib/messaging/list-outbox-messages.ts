import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';

export type TOutboxMessageDto = {
  id: string;
  communityId: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  /** Full text for the developer outbox; the code masked for messages a transport carried. */
  body: string;
  status: 'outbox' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
};

export const ZOutboxFilters = z
  .object({
    channel: z.enum(['email', 'sms']).optional(),
    status: z.enum(['outbox', 'sent', 'failed']).optional(),
    /** Exact recipient. */
    to: z.string().trim().min(1).max(320).optional(),
    /** Recipient or subject containing this text. */
    search: z.string().trim().min(1).max(100).optional(),
    /** Only messages created at or after this instant. */
    since: z.coerce.date().optional(),
  })
  .strict();
export type TOutboxFilters = z.input<typeof ZOutboxFilters>;

export const ZPage = z.object({ page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(100).default(25) }).strict();
export type TPage = z.input<typeof ZPage>;

const SELECT = { id: true, communityId: true, channel: true, to: true, subject: true, body: true, status: true, error: true, createdAt: true } as const;

/**
 * The outbox (messages kept or sent, newest first) of the communities an administrator may see:
 * `communityIds` is the caller's scope, already resolved by the admin console ('all' for a system
 * administrator). Read-only. A community outside the scope contributes nothing, and an empty
 * scope sees nothing.
 * @throws AppError `request.validation_failed`
 */
export async function listOutboxMessages(options: { db: TTx; communityIds: string[] | 'all'; filters?: TOutboxFilters; page?: TPage }): Promise<{ items: TOutboxMessageDto[]; total: number; page: number; pageSize: number }> {
  const filters = parseInput(ZOutboxFilters, options.filters ?? {});
  const { page, pageSize } = parseInput(ZPage, options.page ?? {});
  const where = {
    ...(options.communityIds === 'all' ? {} : { communityId: { in: options.communityIds } }),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.since ? { createdAt: { gte: filters.since } } : {}),
    // `contains` is case-sensitive on PostgreSQL: addresses are usually lower case, so try both.
    ...(filters.search ? { OR: [...new Set([filters.search, filters.search.toLowerCase()])].flatMap((v) => [{ to: { contains: v } }, { subject: { contains: v } }]) } : {}),
  };
  const [rows, total] = await Promise.all([
    options.db.outboxMessage.findMany({ where, select: SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * pageSize, take: pageSize }),
    options.db.outboxMessage.count({ where }),
  ]);
  return {
    items: rows.map((r) => ({ ...r, channel: r.channel as TOutboxMessageDto['channel'], status: r.status as TOutboxMessageDto['status'], createdAt: r.createdAt.toISOString() })),
    total,
    page,
    pageSize,
  };
}
