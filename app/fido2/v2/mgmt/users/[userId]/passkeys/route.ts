import { managementScope } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { deleteUserPasskeys } from '@/lib/passkeys/delete-user-passkeys';

// 002 mgmt: delete all passkeys of a user (the account stays).
export const DELETE = fido2ManagementRoute<{ userId: string }>(async ({ db, caller, params, meta }) => {
  const { communityId, actor } = managementScope(caller);
  await deleteUserPasskeys({ db, communityId, userId: params.userId, actor, meta });
  return new Response(null, { status: 204 });
});
