import { getDb } from '@/lib/db';
import { hostedTxView } from '@/lib/fido2-api/transactions';
import { hostedRoute } from '@/lib/http/hosted-route';

// The hosted confirmation page's view of a transaction; body {session} (the page reads it from its fragment).
type P = { communityId: string; txId: string };
export const POST = hostedRoute<P>(async ({ communityId, params, readBody }) => hostedTxView({ db: getDb(), communityId, txId: params.txId, body: await readBody() }));
