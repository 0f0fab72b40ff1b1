import { profileTargetOf } from '@/lib/fido2-api/management';
import { fido2Preflight, fido2UserOrManagementRoute } from '@/lib/http/fido2-route';
import { removePhone } from '@/lib/users/remove-phone';
import { updatePhone } from '@/lib/users/update-phone';

type P = { id: string };

// 002 `profile/{id}/phone`: POST (OpenAPI) or PUT sets it, DELETE removes it.
export const POST = fido2UserOrManagementRoute<P>(['profile:write'], async ({ db, kek, otp, messaging, caller, params, meta, readBody }) => {
  await updatePhone({ db, kek: kek(), settings: otp, messaging: messaging(), target: profileTargetOf(caller, params.id), input: await readBody(), meta });
  return new Response(null, { status: 204 });
});
export const PUT = POST;

export const DELETE = fido2UserOrManagementRoute<P>(['profile:write'], async ({ db, caller, params, meta }) => {
  await removePhone({ db, target: profileTargetOf(caller, params.id), meta });
  return new Response(null, { status: 204 });
});
export const OPTIONS = fido2Preflight;
