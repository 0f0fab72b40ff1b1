import { AppError } from '../errors';
import type { TDb, TTx } from './index';

/** Attempts of a transaction that lost a serialization race before giving up. */
const MAX_ATTEMPTS = 5;

/**
 * A transaction the database aborted to keep it serializable: SQLSTATE 40001, which the driver
 * adapter reports as `TransactionWriteConflict` (Prisma P2034 without an adapter).
 */
export function isSerializationFailure(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { kind?: string } } | undefined;
  if (err?.code === 'P2034' || err?.code === '40001' || err?.cause?.kind === 'TransactionWriteConflict') return true;
  return /TransactionWriteConflict|could not serialize/i.test(String(err?.message ?? ''));
}

/**
 * Runs `fn` in a SERIALIZABLE transaction, retried with a short random pause when PostgreSQL
 * aborts it for a conflicting concurrent one — for check-then-write rules the database cannot
 * express as a constraint (rate limits, read-modify-write of a JSON setting). SQLite runs one
 * write transaction at a time (lib/db/sqlite-serialized.ts), so there it never conflicts.
 * @throws AppError `service.unavailable` when it still conflicts after the retries
 */
export async function inSerializableTransaction<T>(db: TDb, label: string, fn: (tx: TTx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction((tx: TTx) => fn(tx), { isolationLevel: 'Serializable' });
    } catch (e) {
      if (!isSerializationFailure(e)) throw e;
      if (attempt >= MAX_ATTEMPTS) throw new AppError('service.unavailable', { detail: `${label} kept conflicting`, cause: e });
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
