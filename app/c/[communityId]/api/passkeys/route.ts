import { getDb } from '@/lib/db';
import { hostedRoute } from '@/lib/http/hosted-route';
import { listPasskeys } from '@/lib/passkeys/manage-passkeys';

export const GET = hostedRoute<{ communityId: string }>(async ({ communityId, requireSession }) => {
  const { user } = await requireSession();
  return { passkeys: await listPasskeys({ db: getDb(), owner: { communityId, userId: user.id } }) };
});
