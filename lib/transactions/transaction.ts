import crypto from 'node:crypto';

/**
 * Transaction confirmations (002 tx/init + tx/complete): a user confirms a payload (a payment, a
 * contract …) with a passkey, and the signed assertion is kept as evidence. Shared types, the
 * commitment and the DTO of the use-cases in this folder.
 */

/** How long a transaction can be confirmed: time to read it on the confirmation page and answer. */
export const TX_TTL_MS = 10 * 60_000;

/**
 * The challenge a transaction's assertion signs (WIRE-NOTES §2): SHA-256 over the UTF-8 bytes of
 * `txPayload + nonce + lNonce` (plain concatenation; `nonce` is the client's, `lNonce` the
 * server's 32 random bytes as base64url). Its base64url is the token's `txHash`, so whoever holds
 * the payload and both nonces can check that the signed client data commits to them.
 */
export function transactionCommitment(txPayload: string, nonce: string, lNonce: string): Buffer {
  return crypto.createHash('sha256').update(`${txPayload}${nonce}${lNonce}`, 'utf8').digest();
}

/** `expired` is derived: pending past its `expiresAt`. */
export type TTransactionStatus = 'pending' | 'confirmed' | 'failed' | 'expired';
export const TRANSACTION_STATUSES = ['pending', 'confirmed', 'failed', 'expired'] as const;

export type TTransactionDto = {
  id: string;
  communityId: string;
  application: { id: string; name: string };
  userId: string;
  /** The passkey that confirmed it (or was refused), when one was named. */
  passkeyId: string | null;
  txType: string;
  txPayload: string;
  nonce: string;
  lNonce: string;
  /** base64url(sha256(txPayload + nonce + lNonce)): the challenge that was signed. */
  txHash: string;
  status: TTransactionStatus;
  /** The assertion exactly as the client sent it (evidence). */
  assertion: Record<string, unknown>;
  /** The verification result: `{verified: true, …}` or `{verified: false, code, reason}`. */
  result: Record<string, unknown>;
  createdAt: string;
  expiresAt: string | null;
  completedAt: string | null;
};

export const TRANSACTION_DTO_SELECT = {
  id: true,
  communityId: true,
  application: { select: { id: true, name: true } },
  userId: true,
  passkeyId: true,
  txType: true,
  txPayload: true,
  nonce: true,
  lNonce: true,
  txHash: true,
  status: true,
  assertion: true,
  result: true,
  createdAt: true,
  expiresAt: true,
  completedAt: true,
} as const;

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The status as shown: a pending transaction past its expiry is `expired`. */
export function statusOf(row: { status: string; expiresAt: Date | null }, now: Date): TTransactionStatus {
  if (row.status === 'confirmed' || row.status === 'failed') return row.status;
  return row.expiresAt && row.expiresAt <= now ? 'expired' : 'pending';
}

export function toTransactionDto(
  row: {
    id: string;
    communityId: string;
    application: { id: string; name: string };
    userId: string;
    passkeyId: string | null;
    txType: string;
    txPayload: string;
    nonce: string;
    lNonce: string;
    txHash: string;
    status: string;
    assertion: unknown;
    result: unknown;
    createdAt: Date;
    expiresAt: Date | null;
    completedAt: Date | null;
  },
  now: Date = new Date(),
): TTransactionDto {
  return {
    id: row.id,
    communityId: row.communityId,
    application: { id: row.application.id, name: row.application.name },
    userId: row.userId,
    passkeyId: row.passkeyId,
    txType: row.txType,
    txPayload: row.txPayload,
    nonce: row.nonce,
    lNonce: row.lNonce,
    txHash: row.txHash,
    status: statusOf(row, now),
    assertion: asObject(row.assertion),
    result: asObject(row.result),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
