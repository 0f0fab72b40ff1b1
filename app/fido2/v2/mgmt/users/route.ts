import { toFido2UserDetails } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { findUserDetails } from '@/lib/users/find-user-details';

// 002 mgmt "Find user": `GET mgmt/users?username=` → `{user, passkeys, devices}`.
export const GET = fido2ManagementRoute(async ({ db, caller, request }) =>
  toFido2UserDetails(await findUserDetails({ db, communityId: caller.application.communityId, username: request.nextUrl.searchParams.get('username') })),
);
