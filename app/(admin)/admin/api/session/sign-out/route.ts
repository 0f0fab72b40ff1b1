import { getDb } from '@/lib/db';
import { revokeAdminSession } from '@/lib/admin/admin-session';
import { adminRoute, withoutAdminSessionCookie } from '@/lib/http/admin-route';

// Signs out: the server-side session is revoked (the cookie is worthless from now on) and cleared.
export const POST = adminRoute(async ({ adminSession, meta }) => {
  await revokeAdminSession({ db: getDb(), sessionId: adminSession.sessionId, meta });
  return withoutAdminSessionCookie({ redirectTo: '/admin/sign-in' });
});
