import { getDb } from '@/lib/db';
import { listUsers } from '@/lib/users/list-users';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The end users of the communities in the caller's scope: ?q=&page=&pageSize=&communityId=
export const GET = adminRoute(async ({ principal, request }) => listUsers({ db: getDb(), principal, query: searchParamsOf(request) }));
