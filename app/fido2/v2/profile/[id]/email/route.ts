import { profileTargetOf } from '@/lib/fido2-api/management';
import { fido2Preflight, fido2UserOrManagementRoute } from '@/lib/http/fido2-route';
import { removeEmail } from '@/lib/users/remove-email';
import { updateEmail } from '@/lib/users/update-email';

type P = { id: string };

// 002 `profile/{id}/email`: POST (OpenAPI) or PUT sets it, DELETE removes it.
export const POST = fido2UserOrManagementRoute<P>(['profile:write'], async ({ db, kek, otp, messaging, caller, params, meta, readBody }) => {
  await updateEmail({ db, kek: kek(), settings: otp, messaging: messaging(), target: profileTargetOf(caller, params.id), input: await readBody(), meta });
  return new Response(null, { status: 204 });
});
export const PUT = POST;

export const DELETE = fido2UserOrManagementRoute<P>(['profile:write'], async ({ db, caller, params, meta, readBody }) => {
  await removeEmail({ db, target: profileTargetOf(caller, params.id), input: await readBody(), meta });
  return new Response(null, { status: 204 });
});
export const OPTIONS = fido2Preflight;
