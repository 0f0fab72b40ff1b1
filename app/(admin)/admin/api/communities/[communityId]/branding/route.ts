import { getDb } from '@/lib/db';
import { updateBranding } from '@/lib/tenancy/edit-community';
import { adminRoute } from '@/lib/http/admin-route';

type P = { communityId: string };

// Replace the branding of the hosted pages: {displayName, logoUrl, primaryColor, backgroundColor} ('' = default)
export const PUT = adminRoute<P>(async ({ principal, params, readBody }) => ({ community: await updateBranding({ db: getDb(), principal, communityId: params.communityId, input: await readBody() }) }));
