import { deleteFido2Passkey, renameFido2Passkey } from '@/lib/fido2-api/passkeys';
import { fido2Preflight, fido2UserRoute } from '@/lib/http/fido2-route';

// 002 passkeys/{id}: rename or delete one of the token user's passkeys (anyone else's: 404).
type P = { id: string };
export const dynamic = 'force-dynamic';
export const PUT = fido2UserRoute<P>(['passkey:write'], async ({ db, caller, params, readBody }) => {
  await renameFido2Passkey({ db, caller, passkeyId: params.id, body: await readBody() });
  return new Response(null, { status: 204 });
});
export const DELETE = fido2UserRoute<P>(['passkey:write'], async ({ db, caller, params }) => {
  await deleteFido2Passkey({ db, caller, passkeyId: params.id });
  return new Response(null, { status: 204 });
});
export const OPTIONS = fido2Preflight;
