import { getDb } from '@/lib/db';
import { listTransactionsInScope } from '@/lib/transactions/list-transactions-in-scope';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// Transaction confirmations in the caller's scope: ?q=&page=&pageSize=&communityId=&status=
export const GET = adminRoute(async ({ principal, request }) => listTransactionsInScope({ db: getDb(), principal, query: searchParamsOf(request) }));
