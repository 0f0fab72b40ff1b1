import { applicationOfBody, ZOtpRequestBody } from '@/lib/fido2-api/otp';
import { parseInput } from '@/lib/errors/validation';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';
import { requestOtpByMessage } from '@/lib/otp/request-otp-by-message';

// 002 `POST auth/otp/email`: 204 whether or not the user and a verified address exist (no enumeration).
export const POST = fido2PublicRoute(async ({ db, kek, otp, messaging, defer, meta, readBody }) => {
  const body = await readBody();
  const input = parseInput(ZOtpRequestBody, body);
  const application = await applicationOfBody(db, body);
  await requestOtpByMessage({ db, kek: kek(), settings: otp, messaging: messaging(), application, channel: 'email', login: input.user.username, defer, meta });
  return new Response(null, { status: 204 });
});
export const OPTIONS = fido2Preflight;
