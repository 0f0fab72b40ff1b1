import { getConfig } from '@/lib/config';
import { loadKeyEncryptionKey } from '@/lib/crypto/kek';
import { getDb } from '@/lib/db';
import { hostedTxComplete } from '@/lib/fido2-api/transactions';
import { hostedRoute } from '@/lib/http/hosted-route';

// The hosted confirmation page completes a transaction; body {session, response}.
type P = { communityId: string; txId: string };
export const POST = hostedRoute<P>(async ({ communityId, params, readBody, ip, request }) => {
  const config = getConfig();
  const meta = { ip, userAgent: request.headers.get('user-agent') };
  return hostedTxComplete({ db: getDb(), kek: loadKeyEncryptionKey(config), origin: config.origin, communityId, txId: params.txId, body: await readBody(), meta });
});
