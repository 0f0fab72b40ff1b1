import { getDb } from '@/lib/db';
import { listAuditEvents } from '@/lib/audit/list-audit-events';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The audit events in the caller's scope, newest first:
// ?communityId=&actor=&user=&type=&result=&from=&to=&cursor=&pageSize=
export const GET = adminRoute(async ({ principal, request }) => listAuditEvents({ db: getDb(), principal, query: searchParamsOf(request) }));
