import { managementScope, toFido2Passkey, toFido2User } from '@/lib/fido2-api/management';
import { deletePasskeyByManagement, renamePasskeyByManagement } from '@/lib/fido2-api/mgmt-passkeys';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { getPasskey } from '@/lib/passkeys/get-passkey';

type P = { passkeyId: string };

// 002 mgmt passkey details `{passkeyInfo, user}`, rename `{passkeyName}`, delete — in the caller's community only.
export const GET = fido2ManagementRoute<P>(async ({ db, caller, params }) => {
  const { passkey, user } = await getPasskey({ db, communityId: caller.application.communityId, passkeyId: params.passkeyId });
  return { passkeyInfo: toFido2Passkey(passkey), user: toFido2User(user) };
});

export const PUT = fido2ManagementRoute<P>(async ({ db, caller, params, meta, readBody }) => {
  const { communityId, actor } = managementScope(caller);
  await renamePasskeyByManagement({ db, communityId, passkeyId: params.passkeyId, input: await readBody(), actor, meta });
  return new Response(null, { status: 204 });
});

export const DELETE = fido2ManagementRoute<P>(async ({ db, caller, params }) => {
  const { communityId, actor } = managementScope(caller);
  await deletePasskeyByManagement({ db, communityId, passkeyId: params.passkeyId, actor });
  return new Response(null, { status: 204 });
});
