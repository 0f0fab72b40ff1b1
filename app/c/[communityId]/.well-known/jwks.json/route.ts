import { getDb } from '@/lib/db';
import { defineRoute } from '@/lib/http/route';
import { AppError } from '@/lib/errors';
import { getJwks } from '@/lib/tokens/signing-keys';

// The community's public signing keys (verifies proof_of_authentication_jwt).
export const GET = defineRoute<{ communityId: string }>('hosted', async ({ params }) => {
  const jwks = await getJwks(getDb(), params.communityId);
  if (jwks.keys.length === 0) throw new AppError('tenancy.community_not_found');
  return Response.json(jwks, { headers: { 'cache-control': 'public, max-age=300' } });
});
