import { managementActor } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { removeFromAaguidBlocklist } from '@/lib/passkeys/remove-aaguid-blocklist';

// 002 "Remove AAGUIDs from blacklist": `{aaguids}`.
export const POST = fido2ManagementRoute(async ({ db, caller, meta, readBody }) => {
  await removeFromAaguidBlocklist({ db, communityId: caller.application.communityId, input: await readBody(), actor: managementActor(caller), meta });
  return new Response(null, { status: 204 });
});
