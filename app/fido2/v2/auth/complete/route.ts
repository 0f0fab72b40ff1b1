import { authComplete } from '@/lib/fido2-api/auth';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 auth/complete: verify the assertion of an auth/init session; answer with a jwtAccess.
export const dynamic = 'force-dynamic';
export const POST = fido2PublicRoute(async (ctx) =>
  authComplete({ db: ctx.db, kek: ctx.kek(), origin: ctx.origin, body: await ctx.readBody(), browserOrigin: ctx.browserOrigin, meta: ctx.meta }),
);
export const OPTIONS = fido2Preflight;
