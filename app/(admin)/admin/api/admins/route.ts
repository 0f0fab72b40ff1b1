import { getDb } from '@/lib/db';
import { listAdmins } from '@/lib/admin/list-admins';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The administrators in the caller's scope: ?q=&page=&pageSize=
export const GET = adminRoute(async ({ principal, request }) => listAdmins({ db: getDb(), principal, query: searchParamsOf(request) }));
