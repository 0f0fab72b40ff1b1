import { txInit } from '@/lib/fido2-api/transactions';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 tx/init: start a transaction confirmation; the application is app.id or the Bearer token's.
export const dynamic = 'force-dynamic';
export const POST = fido2PublicRoute(async (ctx) => {
  const caller = await ctx.user([]);
  return txInit({ db: ctx.db, origin: ctx.origin, body: await ctx.readBody(), browserOrigin: ctx.browserOrigin, caller });
});
export const OPTIONS = fido2Preflight;
