import { z } from 'zod';
import type { Prisma, TTx } from '../db';
import { parseInput } from '../errors/validation';
import { TRANSACTION_DTO_SELECT, TRANSACTION_STATUSES, toTransactionDto, type TTransactionDto } from './transaction';

/** Which communities the caller may see: a list, or every one (a system administrator). */
export type TTransactionScope = { communityIds: string[] | 'all' };

const ZId = z.string().trim().min(1).max(128);

export const ZTransactionFilters = z
  .object({
    communityId: ZId.optional(),
    applicationId: ZId.optional(),
    userId: ZId.optional(),
    status: z.enum(TRANSACTION_STATUSES).optional(),
    txType: z.string().trim().min(1).max(64).optional(),
    /** Created at or after (ISO 8601). */
    from: z.coerce.date().optional(),
    /** Created before (ISO 8601). */
    to: z.coerce.date().optional(),
  })
  .strict();
export type TTransactionFilters = z.input<typeof ZTransactionFilters>;

export const ZTransactionPage = z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: ZId.optional() }).strict();
export type TTransactionPage = z.input<typeof ZTransactionPage>;

/** The `where` of a scope: the communities it allows (an empty list allows none). */
export function scopeWhere(scope: TTransactionScope): { communityId?: { in: string[] } } {
  return scope.communityIds === 'all' ? {} : { communityId: { in: [...scope.communityIds] } };
}

/** The `where` of a shown status: `expired` is pending past `expiresAt`, `pending` the rest of pending. */
export function statusWhere(status: (typeof TRANSACTION_STATUSES)[number] | undefined, now: Date): Prisma.TransactionConfirmationWhereInput {
  if (status === 'expired') return { status: 'pending', expiresAt: { lte: now } };
  if (status === 'pending') return { status: 'pending', OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  return status ? { status } : {};
}

/**
 * Transaction confirmations with their evidence, newest first, for administrators: only those of
 * the scope's communities (a `communityId` filter outside the scope finds nothing), filtered, one
 * page at a time (`nextCursor` continues). Principal-agnostic: the caller maps its principal to a
 * scope.
 * @throws AppError `request.validation_failed`
 */
export async function listTransactions(options: { db: TTx; scope: TTransactionScope; filters?: TTransactionFilters; page?: TTransactionPage; now?: Date }): Promise<{ items: TTransactionDto[]; nextCursor: string | null }> {
  const filters = parseInput(ZTransactionFilters, options.filters ?? {});
  const page = parseInput(ZTransactionPage, options.page ?? {});
  const now = options.now ?? new Date();
  const status = statusWhere(filters.status, now);
  const rows = await options.db.transactionConfirmation.findMany({
    where: {
      AND: [
        scopeWhere(options.scope),
        filters.communityId ? { communityId: filters.communityId } : {},
        filters.applicationId ? { applicationId: filters.applicationId } : {},
        filters.userId ? { userId: filters.userId } : {},
        filters.txType ? { txType: filters.txType } : {},
        filters.from || filters.to ? { createdAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: filters.to } : {}) } } : {},
        status,
      ],
    },
    select: TRANSACTION_DTO_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.limit + 1,
    ...(page.cursor ? { cursor: { id: page.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, page.limit).map((r) => toTransactionDto(r, now));
  return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null };
}
