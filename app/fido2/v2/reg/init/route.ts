import { regInit } from '@/lib/fido2-api/registration';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 reg/init: sign-up without a token (if the application allows it), or another passkey for
// the holder of a Bearer jwtAccess with reg:write.
export const dynamic = 'force-dynamic';
export const POST = fido2PublicRoute(async (ctx) => {
  const caller = await ctx.user(['reg:write']);
  return regInit({ db: ctx.db, body: await ctx.readBody(), browserOrigin: ctx.browserOrigin, caller });
});
export const OPTIONS = fido2Preflight;
