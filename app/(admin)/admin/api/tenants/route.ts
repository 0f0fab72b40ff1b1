import { getDb } from '@/lib/db';
import { createTenantAsAdmin, listTenantsForAdmin } from '@/lib/tenancy/admin-tenants';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The tenants in the caller's scope with their communities: ?q=&page=&pageSize=
export const GET = adminRoute(async ({ principal, request }) => listTenantsForAdmin({ db: getDb(), principal, query: searchParamsOf(request) }));

// Create a tenant (system admins): {name}
export const POST = adminRoute(async ({ principal, readBody }) => Response.json({ tenant: await createTenantAsAdmin({ db: getDb(), principal, input: await readBody() }) }, { status: 201 }));
