import { managementScope } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { deleteUser } from '@/lib/users/delete-user';

// 002 mgmt: delete the account with all its devices and passkeys.
export const DELETE = fido2ManagementRoute<{ userId: string }>(async ({ db, caller, params, meta }) => {
  const { communityId, actor } = managementScope(caller);
  await deleteUser({ db, communityId, userId: params.userId, actor, meta });
  return new Response(null, { status: 204 });
});
