import { txComplete } from '@/lib/fido2-api/transactions';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 tx/complete: verify the assertion over the transaction's commitment; keep the evidence.
export const dynamic = 'force-dynamic';
export const POST = fido2PublicRoute(async (ctx) =>
  txComplete({ db: ctx.db, kek: ctx.kek(), origin: ctx.origin, body: await ctx.readBody(), browserOrigin: ctx.browserOrigin, meta: ctx.meta }),
);
export const OPTIONS = fido2Preflight;
