import { fido2PublicRoute } from '@/lib/http/fido2-route';
import { getJwtAccessJwks } from '@/lib/tokens/jwt-access';

// 002 .well-known/jwks.json: the keys that verify every jwtAccess (see getJwtAccessJwks).
export const dynamic = 'force-dynamic';
export const GET = fido2PublicRoute(async ({ db }) => Response.json(await getJwtAccessJwks({ db }), { headers: { 'cache-control': 'public, max-age=300' } }));
