import { managementActor } from '@/lib/fido2-api/management';
import { fido2ManagementRoute } from '@/lib/http/fido2-route';
import { clearAaguidBlocklist } from '@/lib/passkeys/clear-aaguid-blocklist';
import { listAaguidBlocklist } from '@/lib/passkeys/list-aaguid-blocklist';
import { upsertAaguidBlocklist } from '@/lib/passkeys/upsert-aaguid-blocklist';

// 002 AAGUID blacklist of the caller's community: GET lists, PUT adds/updates `{items}`, DELETE clears.
export const GET = fido2ManagementRoute(async ({ db, caller }) => listAaguidBlocklist({ db, communityId: caller.application.communityId }));

export const PUT = fido2ManagementRoute(async ({ db, caller, meta, readBody }) => {
  await upsertAaguidBlocklist({ db, communityId: caller.application.communityId, input: await readBody(), actor: managementActor(caller), meta });
  return new Response(null, { status: 204 });
});

export const DELETE = fido2ManagementRoute(async ({ db, caller, meta }) => {
  await clearAaguidBlocklist({ db, communityId: caller.application.communityId, actor: managementActor(caller), meta });
  return new Response(null, { status: 204 });
});
