import { z } from 'zod';
import type { Prisma, TTx } from '../db';
import { ZListQuery, listQueryFromSearchParams } from '../admin/list-query';
import { TRANSACTION_STATUSES, type TTransactionDto, type TTransactionStatus } from './transaction';

/**
 * Transaction confirmations as the admin console shows them (read-only): the list query with its
 * filters, and the DTOs of a row and of the evidence view.
 */

const ZOptionalId = z
  .string()
  .trim()
  .max(128)
  .optional()
  .transform((v) => (v ? v : undefined));

/** `?q=&page=&pageSize=&communityId=&status=`; `q` matches the txType or the user's username. */
export const ZAdminTransactionQuery = ZListQuery.extend({
  communityId: ZOptionalId,
  status: z.enum(TRANSACTION_STATUSES).optional(),
}).strict();
export type TAdminTransactionQuery = z.output<typeof ZAdminTransactionQuery>;
export type TAdminTransactionQueryInput = z.input<typeof ZAdminTransactionQuery>;

/** The query of a page's URL: bad filter values are dropped instead of failing the page. */
export function adminTransactionQueryFromSearchParams(params: Record<string, string | string[] | undefined>): TAdminTransactionQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const status = z.enum(TRANSACTION_STATUSES).safeParse(first(params.status));
  const communityId = ZOptionalId.safeParse(first(params.communityId));
  return { ...listQueryFromSearchParams(params), status: status.success ? status.data : undefined, communityId: communityId.success ? communityId.data : undefined };
}

type TRef = { id: string; name: string };

export type TAdminTransactionRowDto = {
  id: string;
  community: TRef;
  application: TRef;
  user: { id: string; username: string | null };
  txType: string;
  status: TTransactionStatus;
  createdAt: string;
  completedAt: string | null;
};

export type TAdminTransactionDto = TTransactionDto & {
  community: TRef;
  user: { id: string; username: string; displayName: string } | null;
  passkey: { id: string; name: string; credentialId: string; aaguid: string; createdAt: string } | null;
};

/** Usernames of user ids (users that were deleted since have none). */
export async function usernamesOf(db: TTx, userIds: string[]): Promise<Map<string, string>> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, username: true } });
  return new Map(users.map((u) => [u.id, u.username]));
}

/** Rows whose txType contains `q`, or whose user (in the scope's communities) has a username containing it. */
export async function transactionSearchWhere(db: TTx, communityWhere: Prisma.CommunityWhereInput, q: string | undefined): Promise<Prisma.TransactionConfirmationWhereInput> {
  if (!q) return {};
  // `contains` is case-sensitive on PostgreSQL: usernames are usually lower case, so try both.
  const variants = [...new Set([q, q.toLowerCase()])];
  const users = await db.user.findMany({ where: { community: communityWhere, OR: variants.map((v) => ({ username: { contains: v } })) }, select: { id: true }, take: 500 });
  return { OR: [...variants.map((v) => ({ txType: { contains: v } })), { userId: { in: users.map((u) => u.id) } }] };
}
