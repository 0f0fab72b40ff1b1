import { applicationOfBody } from '@/lib/fido2-api/otp';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';
import { verifyContact } from '@/lib/users/verify-contact';

// 002 `POST profile/email/verify`: `{authCode, username, app}` completes a email change.
export const POST = fido2PublicRoute(async ({ db, kek, meta, readBody }) => {
  const body = await readBody();
  const application = await applicationOfBody(db, body);
  await verifyContact({ db, kek: kek(), application, kind: 'email', input: body, meta });
  return new Response(null, { status: 204 });
});
export const OPTIONS = fido2Preflight;
