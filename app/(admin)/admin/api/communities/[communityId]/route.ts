import { getDb } from '@/lib/db';
import { getCommunitySettings } from '@/lib/tenancy/community-settings';
import { renameCommunity } from '@/lib/tenancy/edit-community';
import { adminRoute } from '@/lib/http/admin-route';

type P = { communityId: string };

// A community's settings (general, relying party, branding).
export const GET = adminRoute<P>(async ({ principal, params }) => ({ community: await getCommunitySettings({ db: getDb(), principal, communityId: params.communityId }) }));

// General: {name}
export const PATCH = adminRoute<P>(async ({ principal, params, readBody }) => ({ community: await renameCommunity({ db: getDb(), principal, communityId: params.communityId, input: await readBody() }) }));
