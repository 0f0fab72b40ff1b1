import { fido2Preflight, fido2UserRoute } from '@/lib/http/fido2-route';
import { requestOtpForUser } from '@/lib/otp/request-otp-for-user';

// 002 `POST auth/otp`: a signed-in user's code for signing in on another device.
export const POST = fido2UserRoute(['auth:write'], async ({ db, kek, otp, caller, meta }) => {
  const { code, expiresAt } = await requestOtpForUser({ db, kek: kek(), settings: otp, application: caller.application, userId: caller.token.sub, meta });
  return { code, expiresAt: expiresAt.toISOString() };
});
export const OPTIONS = fido2Preflight;
