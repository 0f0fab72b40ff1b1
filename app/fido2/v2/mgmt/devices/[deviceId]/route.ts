import { deleteDevice } from '@/lib/devices/delete-device';
import { getDevice } from '@/lib/devices/get-device';
import { managementActor, toFido2Device, toFido2User } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';

type P = { deviceId: string };

// 002 mgmt device details `{deviceInfo, users}` and delete, in the caller's community only.
export const GET = fido2ManagementRoute<P>(async ({ db, caller, params }) => {
  const { device, users } = await getDevice({ db, communityId: caller.application.communityId, deviceId: params.deviceId });
  return { deviceInfo: toFido2Device(device), users: users.map(toFido2User) };
});

export const DELETE = fido2ManagementRoute<P>(async ({ db, caller, params, meta }) => {
  await deleteDevice({ db, communityId: caller.application.communityId, deviceId: params.deviceId, actor: managementActor(caller), meta });
  return new Response(null, { status: 204 });
});
