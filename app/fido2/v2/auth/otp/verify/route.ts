import { applicationOfBody, ZOtpVerifyBody } from '@/lib/fido2-api/otp';
import { parseInput } from '@/lib/errors/validation';
import { fido2Preflight, fido2PublicRoute } from '@/lib/http/fido2-route';
import { verifySignInOtp } from '@/lib/otp/verify-sign-in-otp';

// 002 `POST auth/otp/verify`: a code for a jwtAccess.
export const POST = fido2PublicRoute(async ({ db, kek, origin, meta, readBody }) => {
  const body = await readBody();
  const input = parseInput(ZOtpVerifyBody, body);
  const application = await applicationOfBody(db, body);
  return verifySignInOtp({ db, kek: kek(), origin, application, login: input.user.username, code: input.authCode, meta });
});
export const OPTIONS = fido2Preflight;
