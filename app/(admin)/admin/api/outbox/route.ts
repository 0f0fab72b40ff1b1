import { getDb } from '@/lib/db';
import { listOutboxInScope } from '@/lib/messaging/list-outbox-in-scope';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// Messages sent in the caller's scope: ?q=&page=&pageSize=&communityId=&channel=&status=
export const GET = adminRoute(async ({ principal, request }) => listOutboxInScope({ db: getDb(), principal, query: searchParamsOf(request) }));
