import { getDb } from '@/lib/db';
import { changeAdminRole } from '@/lib/admin/change-admin-role';
import { removeAdmin } from '@/lib/admin/remove-admin';
import { adminRoute } from '@/lib/http/admin-route';

type P = { adminId: string };

// Change role and scope: {role, tenantId?, communityIds?}
export const PATCH = adminRoute<P>(async ({ principal, params, readBody }) => ({
  admin: await changeAdminRole({ db: getDb(), principal, adminId: params.adminId, input: await readBody() }),
}));

// Remove: the administrator's passkeys and sessions go with it.
export const DELETE = adminRoute<P>(async ({ principal, params }) => {
  await removeAdmin({ db: getDb(), principal, adminId: params.adminId });
  return new Response(null, { status: 204 });
});
