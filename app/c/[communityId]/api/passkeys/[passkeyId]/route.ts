import { getDb } from '@/lib/db';
import { hostedRoute } from '@/lib/http/hosted-route';
import { deletePasskey, renamePasskey } from '@/lib/passkeys/manage-passkeys';

type P = { communityId: string; passkeyId: string };

export const PATCH = hostedRoute<P>(async ({ communityId, params, readBody, requireSession }) => {
  const { user } = await requireSession();
  return { passkey: await renamePasskey({ db: getDb(), owner: { communityId, userId: user.id }, passkeyId: params.passkeyId, input: await readBody() }) };
});

export const DELETE = hostedRoute<P>(async ({ communityId, params, requireSession }) => {
  const { user } = await requireSession();
  await deletePasskey({ db: getDb(), owner: { communityId, userId: user.id }, passkeyId: params.passkeyId });
  return new Response(null, { status: 204 });
});
