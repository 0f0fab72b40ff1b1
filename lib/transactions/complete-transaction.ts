import type { TDb, TTx } from '../db';
import { AppError, isAppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { hashSecret } from '../crypto/tokens';
import type { TRequestMeta } from '../passkeys/audit-failure';
import type { TCeremonyBinding } from '../passkeys/ceremony';
import { finishAuthentication } from '../passkeys/finish-authentication';
import type { TRpOverride } from '../passkeys/rp';
import type { TUserDto } from '../users/username';
import { TRANSACTION_DTO_SELECT, toTransactionDto, type TTransactionDto } from './transaction';

/** An assertion over a transaction, binary fields base64url. */
export type TTransactionAssertion = { credentialId: string; clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };

const FAILURE_RECORDED = Symbol('failure recorded');
const NOT_AN_ANSWER = new Set(['transactions.not_pending', 'passkeys.challenge_invalid']);

/**
 * Completes a transaction confirmation: the caller must hold the transaction's session (else
 * nothing changes: `passkeys.challenge_invalid`), the transaction must be pending and unexpired.
 * The assertion is verified by the passkeys core (finishAuthentication, kind `transaction`,
 * expected challenge = the commitment): the transaction's ceremony is consumed whatever the
 * client data says, the passkey must be the transaction user's, and a signature over another
 * payload or nonce is refused. On success the transaction is `confirmed` with the passkey, the
 * assertion as received and the verification result, in the transaction that stores the
 * passkey's counter and the audit events. Any refusal after that point marks it `failed` with
 * the same evidence and the reason, so a transaction is answered once (a concurrent second answer
 * finds the ceremony gone and changes nothing).
 * @throws AppError `passkeys.challenge_invalid`, `transactions.not_pending`, `passkeys.challenge_expired`,
 *   `transactions.wrong_account`, `passkeys.verification_failed`, `passkeys.unknown_credential`,
 *   `passkeys.authenticator_not_allowed`, `passkeys.user_disabled`, `request.validation_failed`
 */
export async function completeTransaction(options: {
  db: TDb;
  communityId: string;
  txId: string;
  /** The session tx/init handed out with the transaction. */
  session: string;
  /** The binding its ceremony was started with. */
  binding: TCeremonyBinding;
  rp: TRpOverride;
  assertion: TTransactionAssertion;
  /** The assertion exactly as the client sent it, kept as evidence. */
  received: Record<string, unknown>;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ transaction: TTransactionDto; user: TUserDto; passkey: { id: string; credentialId: string } }> {
  const { db, communityId, assertion } = options;
  const now = options.now ?? new Date();
  const tx = await db.transactionConfirmation.findFirst({
    where: { id: options.txId, communityId },
    select: { id: true, applicationId: true, userId: true, txHash: true, status: true, sessionHash: true, expiresAt: true },
  });
  // Only the holder of the session may answer (or spoil) a transaction.
  if (!tx || !tx.sessionHash || tx.sessionHash !== hashSecret(options.session)) throw new AppError('passkeys.challenge_invalid', { detail: `no transaction ${options.txId} with this session` });
  if (tx.status !== 'pending') throw new AppError('transactions.not_pending', { detail: `transaction ${tx.id} is ${tx.status}` });

  const fail = async (error: AppError): Promise<never> => {
    await db.$transaction(async (t: TTx) => {
      const { count } = await t.transactionConfirmation.updateMany({
        where: { id: tx.id, status: 'pending' },
        data: { status: 'failed', assertion: options.received as object, result: { verified: false, code: error.code, reason: error.detail ?? null }, completedAt: now },
      });
      if (count === 1) {
        await writeAuditEvent(t, { type: 'transactions.failed', actor: `application:${tx.applicationId}`, result: 'failure', communityId, subject: tx.id, ip: options.meta?.ip, userAgent: options.meta?.userAgent, detail: { code: error.code, reason: error.detail ?? null } });
      }
    });
    throw Object.assign(error, { [FAILURE_RECORDED]: true });
  };
  if (tx.expiresAt && tx.expiresAt <= now) await fail(new AppError('passkeys.challenge_expired', { detail: `transaction ${tx.id} expired at ${tx.expiresAt.toISOString()}` }));

  const response = {
    id: assertion.credentialId,
    rawId: assertion.credentialId,
    type: 'public-key',
    response: { clientDataJSON: assertion.clientDataJSON, authenticatorData: assertion.authenticatorData, signature: assertion.signature, ...(assertion.userHandle ? { userHandle: assertion.userHandle } : {}) },
    clientExtensionResults: {},
  };
  try {
    const result = await finishAuthentication({
      db,
      communityId,
      response,
      kind: 'transaction',
      expectedChallenge: tx.txHash,
      binding: options.binding,
      rp: options.rp,
      meta: options.meta,
      now,
      onVerified: async (t, { result: r }) => {
        if (r.user.id !== tx.userId) throw new AppError('transactions.wrong_account', { detail: `passkey of user ${r.user.id}` });
        const { count } = await t.transactionConfirmation.updateMany({
          where: { id: tx.id, status: 'pending' },
          data: {
            status: 'confirmed',
            passkeyId: r.passkey.id,
            assertion: options.received as object,
            result: { verified: true, userVerified: r.userVerified, amr: r.amr, passkeyId: r.passkey.id, credentialId: r.passkey.credentialId, aaguid: r.passkey.aaguid },
            completedAt: now,
          },
        });
        if (count !== 1) throw new AppError('transactions.not_pending', { detail: `transaction ${tx.id} was answered concurrently` });
        await writeAuditEvent(t, { type: 'transactions.confirmed', actor: `user:${r.user.id}`, result: 'success', communityId, subject: tx.id, ip: options.meta?.ip, userAgent: options.meta?.userAgent, detail: { passkeyId: r.passkey.id, txHash: tx.txHash } });
      },
    });
    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: tx.id }, select: TRANSACTION_DTO_SELECT });
    return { transaction: toTransactionDto(row, now), user: result.user, passkey: { id: result.passkey.id, credentialId: result.passkey.credentialId } };
  } catch (e) {
    // Not recorded as the transaction's answer: unexpected errors, and a ceremony that is gone
    // (consumed by a concurrent completion, which records its own outcome).
    if (!isAppError(e) || !e.expose || NOT_AN_ANSWER.has(e.code) || (e as { [FAILURE_RECORDED]?: boolean })[FAILURE_RECORDED]) throw e;
    // The core refuses another user's passkey without saying so; here it is worth saying.
    let error = e;
    if (e.code === 'passkeys.verification_failed') {
      const owner = await db.passkey.findUnique({ where: { communityId_credentialId: { communityId, credentialId: assertion.credentialId } }, select: { userId: true } });
      if (owner && owner.userId !== tx.userId) error = new AppError('transactions.wrong_account', { detail: `passkey of user ${owner.userId}: ${e.detail ?? ''}`, cause: e });
    }
    return fail(error);
  }
}
