import { regComplete } from '@/lib/fido2-api/registration';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 reg/complete: verify the new credential of a reg/init session; answer with a jwtAccess.
export const dynamic = 'force-dynamic';
export const POST = fido2PublicRoute(async (ctx) =>
  regComplete({ db: ctx.db, kek: ctx.kek(), origin: ctx.origin, body: await ctx.readBody(), browserOrigin: ctx.browserOrigin, meta: ctx.meta }),
);
export const OPTIONS = fido2Preflight;
