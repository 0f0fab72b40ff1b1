import { getDb } from '@/lib/db';
import { hostedRoute, withSessionCookie } from '@/lib/http/hosted-route';
import { revokeSession } from '@/lib/sessions/sessions';
import { getHostedCommunity } from '@/lib/tenancy/get-hosted-community';

export const POST = hostedRoute<{ communityId: string }>(async ({ communityId, sessionToken }) => {
  const db = getDb();
  await revokeSession({ db, communityId, token: sessionToken });
  const community = await getHostedCommunity({ db, communityId });
  return withSessionCookie({ redirectTo: community?.paths.login }, communityId, undefined, new Date(0));
});
