import { getDb } from '@/lib/db';
import { getTransactionEvidence } from '@/lib/transactions/get-transaction-evidence';
import { adminRoute } from '@/lib/http/admin-route';

// One transaction with its evidence.
export const GET = adminRoute<{ transactionId: string }>(async ({ principal, params }) => ({ transaction: await getTransactionEvidence({ db: getDb(), principal, transactionId: params.transactionId }) }));
