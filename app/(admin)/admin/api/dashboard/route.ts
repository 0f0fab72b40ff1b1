import { getDb } from '@/lib/db';
import { getDashboard } from '@/lib/audit/get-dashboard';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The dashboard's figures: ?communityId=&days=7|30|90
export const GET = adminRoute(async ({ principal, request }) => getDashboard({ db: getDb(), principal, query: searchParamsOf(request) }));
