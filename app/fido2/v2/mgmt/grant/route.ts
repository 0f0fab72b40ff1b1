import { managementActor } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { grantJwtAccess } from '@/lib/tokens/grant-jwt-access';

// 002 `POST mgmt/grant`: `{grants, username}` → `{token}` (a jwtAccess with exactly those grants).
export const POST = fido2ManagementRoute(async ({ db, kek, origin, caller, meta, readBody }) =>
  grantJwtAccess({ db, kek: kek(), origin, application: caller.application, input: await readBody(), actor: managementActor(caller), meta }),
);
