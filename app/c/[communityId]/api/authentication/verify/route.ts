import { getConfig } from '@/lib/config';
import { loadKeyEncryptionKey } from '@/lib/crypto/kek';
import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZCeremonyResultBody } from '@/lib/passkeys/hosted-bodies';
import { hostedRoute, withSessionCookie } from '@/lib/http/hosted-route';
import { signInWithPasskey } from '@/lib/sessions/passkey-sign-in';
import { getHostedCommunity } from '@/lib/tenancy/get-hosted-community';

export const POST = hostedRoute<{ communityId: string }>(async ({ communityId, readBody, ip, request }) => {
  const db = getDb();
  const config = getConfig();
  const { response } = parseInput(ZCeremonyResultBody, await readBody());
  const result = await signInWithPasskey({ db, kek: loadKeyEncryptionKey(config), origin: config.origin, communityId, response, meta: { ip, userAgent: request.headers.get('user-agent') } });
  const community = await getHostedCommunity({ db, communityId });
  const body = { user: result.user, redirectTo: community?.paths.account, proof_of_authentication_jwt: result.proofOfAuthenticationJwt };
  return withSessionCookie(body, communityId, result.session.token, result.session.expiresAt);
});
