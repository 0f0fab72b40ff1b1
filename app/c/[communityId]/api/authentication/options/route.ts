import { getDb } from '@/lib/db';
import { hostedRoute } from '@/lib/http/hosted-route';
import { startAuthentication } from '@/lib/passkeys/start-authentication';

export const POST = hostedRoute<{ communityId: string }>(async ({ communityId, readBody }) => {
  const { username } = (await readBody()) as { username?: unknown };
  return startAuthentication({ db: getDb(), communityId, username: typeof username === 'string' && username.trim() ? username : undefined });
});
