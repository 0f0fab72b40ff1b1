import type { TTx } from '../db';
import { AppError } from '../errors';
import { scopeWhere, type TTransactionScope } from './list-transactions';
import { TRANSACTION_DTO_SELECT, toTransactionDto, type TTransactionDto } from './transaction';

/**
 * One transaction confirmation with its evidence, for administrators of its community.
 * @throws AppError `transactions.not_found` (unknown, or outside the scope)
 */
export async function getTransaction(options: { db: TTx; scope: TTransactionScope; txId: string; now?: Date }): Promise<TTransactionDto> {
  const row = await options.db.transactionConfirmation.findFirst({ where: { AND: [{ id: options.txId }, scopeWhere(options.scope)] }, select: TRANSACTION_DTO_SELECT });
  if (!row) throw new AppError('transactions.not_found', { detail: options.txId });
  return toTransactionDto(row, options.now);
}
