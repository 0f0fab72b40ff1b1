import { profileTargetOf } from '@/lib/fido2-api/management';
import { fido2Preflight, fido2UserOrManagementRoute } from '@/lib/http/fido2-route';
import { deleteUser } from '@/lib/users/delete-user';

type P = { id: string };

// 002 `DELETE profile/{id}`: the account with its passkeys, devices and sessions.
export const DELETE = fido2UserOrManagementRoute<P>(['profile:write'], async ({ db, caller, params, meta }) => {
  const target = profileTargetOf(caller, params.id);
  await deleteUser({ db, communityId: target.communityId, userId: target.userId, actor: target.actor, meta });
  return new Response(null, { status: 204 });
});
export const OPTIONS = fido2Preflight;
