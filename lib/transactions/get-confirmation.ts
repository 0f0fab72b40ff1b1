import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { hashSecret } from '../crypto/tokens';
import { loadRpSettings } from '../passkeys/rp';
import { statusOf, type TTransactionStatus } from './transaction';

/** What the hosted confirmation page shows, and the options of its browser prompt while pending. */
export type TConfirmationView = {
  id: string;
  txType: string;
  txPayload: string;
  /** The application that asked, and the web origins its pages run on (where the page may report back). */
  application: { name: string; origins: string[] };
  status: TTransactionStatus;
  expiresAt: string | null;
  assertionOptions?: PublicKeyCredentialRequestOptionsJSON;
};

/**
 * The transaction a confirmation page was opened for, to the holder of its session only. While
 * it is pending (and its ceremony still open) the view carries the options of the prompt: the
 * same challenge (the commitment), the community's rpId, timeout and user verification, and no
 * credential list.
 * @throws AppError `transactions.not_found` (unknown, another community's, or not this session)
 */
export async function getConfirmation(options: { db: TTx; communityId: string; txId: string; session: string; now?: Date }): Promise<TConfirmationView> {
  const now = options.now ?? new Date();
  const tx = await options.db.transactionConfirmation.findFirst({
    where: { id: options.txId, communityId: options.communityId },
    select: {
      id: true,
      txType: true,
      txPayload: true,
      txHash: true,
      status: true,
      expiresAt: true,
      sessionHash: true,
      application: { select: { name: true, origins: true } },
      community: { select: { origins: true } },
    },
  });
  if (!tx || !tx.sessionHash || tx.sessionHash !== hashSecret(options.session)) throw new AppError('transactions.not_found', { detail: `no transaction ${options.txId} with this session` });
  let status = statusOf(tx, now);
  let assertionOptions: PublicKeyCredentialRequestOptionsJSON | undefined;
  if (status === 'pending') {
    const open = await options.db.ceremony.findFirst({ where: { challenge: tx.txHash, kind: 'transaction', communityId: options.communityId, expiresAt: { gt: now } }, select: { id: true } });
    if (open) {
      const rp = await loadRpSettings(options.db, options.communityId);
      assertionOptions = { challenge: tx.txHash, rpId: rp.rpId, timeout: rp.timeoutMs, userVerification: rp.userVerification, allowCredentials: [] };
    } else {
      status = 'expired';
    }
  }
  const appOrigins = tx.application.origins as string[];
  const origins = (appOrigins.length > 0 ? appOrigins : (tx.community.origins as string[])).filter((o) => /^https?:\/\//.test(o));
  return {
    id: tx.id,
    txType: tx.txType,
    txPayload: tx.txPayload,
    application: { name: tx.application.name, origins },
    status,
    expiresAt: tx.expiresAt?.toISOString() ?? null,
    ...(assertionOptions ? { assertionOptions } : {}),
  };
}
