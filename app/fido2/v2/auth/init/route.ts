import { authInit } from '@/lib/fido2-api/auth';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';

// 002 auth/init: start a passkey sign-in for app.id (usernameless or user.username).
export const dynamic = 'force-dynamic';
export const POST = fido2PublicRoute(async (ctx) => authInit({ db: ctx.db, body: await ctx.readBody(), browserOrigin: ctx.browserOrigin, decoyKey: ctx.decoyKey() }));
export const OPTIONS = fido2Preflight;
