import { getDb } from '@/lib/db';
import { getAaguidPolicy } from '@/lib/metadata/get-aaguid-policy';
import { updateAaguidPolicy } from '@/lib/metadata/update-aaguid-policy';
import { adminRoute } from '@/lib/http/admin-route';

type P = { communityId: string };

// A community's AAGUID policy, its passkey counts per AAGUID and the known models.
export const GET = adminRoute<P>(async ({ principal, params }) => getAaguidPolicy({ db: getDb(), principal, communityId: params.communityId }));

// Save: {version, registration: {mode, aaguids}, authentication: {mode, aaguids}}; 409 when saved in between.
export const PUT = adminRoute<P>(async ({ principal, params, readBody, meta }) =>
  updateAaguidPolicy({ db: getDb(), principal, communityId: params.communityId, input: await readBody(), meta }),
);
