import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { defineRoute } from '@/lib/http/route';
import { getRelatedOrigins } from '@/lib/passkeys/related-origins';

// Related origins of the RP ID this host serves (WebAuthn L3 §5.11.1), from community settings.
export const GET = defineRoute('hosted', async ({ request }) => {
  const doc = await getRelatedOrigins({ db: getDb(), rpId: request.nextUrl.hostname });
  if (!doc) throw new AppError('request.not_found');
  return Response.json(doc, { headers: { 'cache-control': 'public, max-age=300' } });
});
