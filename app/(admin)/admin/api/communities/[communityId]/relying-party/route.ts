import { getDb } from '@/lib/db';
import { updateRelyingParty } from '@/lib/tenancy/edit-community';
import { adminRoute } from '@/lib/http/admin-route';

type P = { communityId: string };

// Replace the relying-party settings (ZRelyingPartyEdit); a new rpId with passkeys needs confirmRpIdChange: true.
export const PUT = adminRoute<P>(async ({ principal, params, readBody }) => ({ community: await updateRelyingParty({ db: getDb(), principal, communityId: params.communityId, input: await readBody() }) }));
