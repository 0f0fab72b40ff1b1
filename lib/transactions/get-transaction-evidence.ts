import type { TTx } from '../db';
import { AppError } from '../errors';
import type { TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { TRANSACTION_DTO_SELECT, toTransactionDto } from './transaction';
import type { TAdminTransactionDto } from './admin-transactions';

/**
 * One transaction confirmation of a community the caller administers, with its evidence: the
 * payload, both nonces and the txHash they commit to, the assertion exactly as received, the
 * verification result, and the passkey and user involved. Read-only.
 * @throws AppError `transactions.not_found` (unknown or outside the caller's scope)
 */
export async function getTransactionEvidence(options: { db: TTx; principal: TAdminPrincipal; transactionId: string; now?: Date }): Promise<TAdminTransactionDto> {
  const row = await options.db.transactionConfirmation.findFirst({
    where: { id: options.transactionId, ...communityRowScopeWhere(options.principal) },
    select: { ...TRANSACTION_DTO_SELECT, community: { select: { id: true, name: true } } },
  });
  if (!row) throw new AppError('transactions.not_found', { detail: `${options.transactionId} not in the scope of admin ${options.principal.adminId}` });
  const [user, passkey] = await Promise.all([
    options.db.user.findFirst({ where: { id: row.userId, communityId: row.communityId }, select: { id: true, username: true, displayName: true } }),
    row.passkeyId ? options.db.passkey.findFirst({ where: { id: row.passkeyId, communityId: row.communityId }, select: { id: true, name: true, credentialId: true, aaguid: true, createdAt: true } }) : null,
  ]);
  return {
    ...toTransactionDto(row, options.now),
    community: row.community,
    user,
    passkey: passkey ? { ...passkey, createdAt: passkey.createdAt.toISOString() } : null,
  };
}
