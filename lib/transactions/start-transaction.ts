import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { hashSecret, randomToken } from '../crypto/tokens';
import type { TCeremonyBinding } from '../passkeys/ceremony';
import type { TRpOverride } from '../passkeys/rp';
import { startAuthentication } from '../passkeys/start-authentication';
import { ZUsername } from '../users/username';
import { TRANSACTION_DTO_SELECT, TX_TTL_MS, toTransactionDto, transactionCommitment, type TTransactionDto } from './transaction';

/** Longest payload (characters) a transaction can carry. */
export const TX_PAYLOAD_MAX = 32_768;

export const ZStartTransactionInput = z.object({
  username: ZUsername,
  txType: z.string().trim().min(1).max(64),
  txPayload: z.string().min(1).max(TX_PAYLOAD_MAX),
  nonce: z.string().min(1).max(256),
});
export type TStartTransactionInput = z.input<typeof ZStartTransactionInput>;

/**
 * Starts a transaction confirmation for a user of the application's community: stores the
 * transaction (pending, with the server nonce `lNonce`, the commitment `txHash` and the hash of
 * the caller's session) and a `transaction` ceremony whose challenge is the commitment (see
 * transactionCommitment), bound to the user and to `binding`, with the audit event, in one
 * transaction. The options list no credentials: the user picks their passkey, and any other
 * account's is refused at completion.
 * @throws AppError `request.validation_failed`, `transactions.user_not_found` (unknown or
 *   disabled user, or one without a passkey), `tenancy.community_not_found`
 */
export async function startTransaction(options: {
  db: TDb;
  app: { id: string; communityId: string };
  rp: TRpOverride;
  input: TStartTransactionInput;
  /** The id to give the transaction (the surface hands it out, e.g. inside its session). */
  txId: string;
  /** The session the caller hands out; only its hash is kept. */
  session: string;
  binding: TCeremonyBinding;
  actor: string;
  now?: Date;
}): Promise<{ transaction: TTransactionDto; assertionOptions: PublicKeyCredentialRequestOptionsJSON }> {
  const input = parseInput(ZStartTransactionInput, options.input);
  const { db, app } = options;
  const now = options.now ?? new Date();
  const user = await db.user.findUnique({
    where: { communityId_username: { communityId: app.communityId, username: input.username } },
    select: { id: true, status: true, _count: { select: { passkeys: true } } },
  });
  if (!user || user.status !== 'active' || user._count.passkeys === 0) throw new AppError('transactions.user_not_found', { detail: input.username });
  const lNonce = randomToken();
  const commitment = transactionCommitment(input.txPayload, input.nonce, lNonce);
  const txHash = commitment.toString('base64url');
  return db.$transaction(async (tx: TTx) => {
    const row = await tx.transactionConfirmation.create({
      data: {
        id: options.txId,
        communityId: app.communityId,
        applicationId: app.id,
        userId: user.id,
        txType: input.txType,
        txPayload: input.txPayload,
        nonce: input.nonce,
        lNonce,
        txHash,
        status: 'pending',
        sessionHash: hashSecret(options.session),
        createdAt: now,
        expiresAt: new Date(now.getTime() + TX_TTL_MS),
      },
      select: TRANSACTION_DTO_SELECT,
    });
    const { options: assertionOptions } = await startAuthentication({
      db: tx,
      communityId: app.communityId,
      kind: 'transaction',
      challenge: commitment,
      userId: user.id,
      ttlMs: TX_TTL_MS,
      binding: options.binding,
      rp: options.rp,
      context: { txId: row.id },
      now,
    });
    await writeAuditEvent(tx, {
      type: 'transactions.created',
      actor: options.actor,
      result: 'success',
      communityId: app.communityId,
      subject: row.id,
      detail: { applicationId: app.id, userId: user.id, txType: input.txType, txHash },
    });
    return { transaction: toTransactionDto(row, now), assertionOptions };
  });
}
