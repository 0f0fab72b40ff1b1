import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { verifyJwtAccessForApplication } from '@/lib/tokens/verify-jwt-access-for-application';

// 002 `POST mgmt/token/verify`: 204 for a valid token of the calling application, 401 `tokens.invalid` otherwise.
export const POST = fido2ManagementRoute(async ({ db, origin, caller, readBody }) => {
  await verifyJwtAccessForApplication({ db, origin, application: caller.application, input: await readBody() });
  return new Response(null, { status: 204 });
});
