import { deleteUserDevices } from '@/lib/devices/delete-user-devices';
import { managementScope } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';

// 002 mgmt: delete all devices of a user (passkeys stay).
export const DELETE = fido2ManagementRoute<{ userId: string }>(async ({ db, caller, params, meta }) => {
  const { communityId, actor } = managementScope(caller);
  await deleteUserDevices({ db, communityId, userId: params.userId, actor, meta });
  return new Response(null, { status: 204 });
});
