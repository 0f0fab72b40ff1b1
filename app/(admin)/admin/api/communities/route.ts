import { getDb } from '@/lib/db';
import { createCommunityAsAdmin } from '@/lib/tenancy/admin-tenants';
import { adminRoute } from '@/lib/http/admin-route';

// Create a community in a tenant (system admins, the tenant's admins): {tenantId, name, rpId, origins, rpName?, userVerification?, attestation?}
export const POST = adminRoute(async ({ principal, readBody }) => Response.json({ community: await createCommunityAsAdmin({ db: getDb(), principal, input: await readBody() }) }, { status: 201 }));
