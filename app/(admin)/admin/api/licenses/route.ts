import { getDb } from '@/lib/db';
import { createLicenseAsAdmin } from '@/lib/licenses/create-license-as-admin';
import { listLicensesInScope } from '@/lib/licenses/list-licenses-in-scope';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The licenses in the caller's scope: ?q=&page=&pageSize=
export const GET = adminRoute(async ({ principal, request }) => listLicensesInScope({ db: getDb(), principal, query: searchParamsOf(request) }));

// Create: {authLevel, tenantId?, communityIds, label?} → the key, shown once.
export const POST = adminRoute(async ({ principal, readBody }) => Response.json(await createLicenseAsAdmin({ db: getDb(), principal, input: await readBody() }), { status: 201 }));
