import { getDb } from '@/lib/db';
import { renameTenant } from '@/lib/tenancy/admin-tenants';
import { adminRoute } from '@/lib/http/admin-route';

type P = { tenantId: string };

// Rename a tenant (system admins): {name}
export const PATCH = adminRoute<P>(async ({ principal, params, readBody }) => ({ tenant: await renameTenant({ db: getDb(), principal, tenantId: params.tenantId, input: await readBody() }) }));
