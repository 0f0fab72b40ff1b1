import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZCeremonyResultBody } from '@/lib/passkeys/hosted-bodies';
import { hostedRoute, withSessionCookie } from '@/lib/http/hosted-route';
import { getHostedCommunity } from '@/lib/tenancy/get-hosted-community';
import { registerWithPasskey } from '@/lib/sessions/passkey-sign-in';

export const POST = hostedRoute<{ communityId: string }>(async ({ communityId, readBody, session, ip, request }) => {
  const db = getDb();
  const signedIn = await session();
  const { response } = parseInput(ZCeremonyResultBody, await readBody());
  const result = await registerWithPasskey({ db, communityId, response, userId: signedIn?.user.id, meta: { ip, userAgent: request.headers.get('user-agent') } });
  const community = await getHostedCommunity({ db, communityId });
  const body = { user: result.user, passkey: result.passkey, redirectTo: community?.paths.account };
  return result.session ? withSessionCookie(body, communityId, result.session.token, result.session.expiresAt) : body;
});
