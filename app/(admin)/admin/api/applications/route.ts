import { getDb } from '@/lib/db';
import { createApplicationAsAdmin, listApplicationsForAdmin } from '@/lib/applications/admin-applications';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The applications of the communities in scope: ?q=&page=&pageSize=&communityId=
export const GET = adminRoute(async ({ principal, request }) => listApplicationsForAdmin({ db: getDb(), principal, query: searchParamsOf(request) }));

// Register an application: {communityId, name, origins, allowSignUp, tokenTtlSeconds}
export const POST = adminRoute(async ({ principal, readBody }) => Response.json({ application: await createApplicationAsAdmin({ db: getDb(), principal, input: await readBody() }) }, { status: 201 }));
