import { getDb } from '@/lib/db';
import { deleteOwnPasskey, renameOwnPasskey } from '@/lib/admin/own-passkeys';
import { adminRoute } from '@/lib/http/admin-route';

type P = { passkeyId: string };

export const PATCH = adminRoute<P>(async ({ principal, params, readBody }) => ({
  passkey: await renameOwnPasskey({ db: getDb(), principal, passkeyId: params.passkeyId, input: await readBody() }),
}));

// Never the last one (admin.last_passkey).
export const DELETE = adminRoute<P>(async ({ principal, params }) => {
  await deleteOwnPasskey({ db: getDb(), principal, passkeyId: params.passkeyId });
  return new Response(null, { status: 204 });
});
