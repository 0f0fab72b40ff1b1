import { getDb } from '@/lib/db';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { adminRoute } from '@/lib/http/admin-route';

// The tenants and communities the caller administers (for pickers).
export const GET = adminRoute(async ({ principal }) => listScopeOptions({ db: getDb(), principal }));
