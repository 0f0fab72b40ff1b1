import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { inviteAdmin } from '@/lib/admin/invite-admin';
import { listInvitations } from '@/lib/admin/list-invitations';
import { adminRoute } from '@/lib/http/admin-route';

// Pending invitations in the caller's scope.
export const GET = adminRoute(async ({ principal }) => ({ invitations: await listInvitations({ db: getDb(), principal }) }));

// Invite: {role, tenantId?, communityIds?, label?} → the one-time setup link, shown once.
export const POST = adminRoute(async ({ principal, readBody }) => {
  const result = await inviteAdmin({ db: getDb(), principal, origin: getConfig().origin, input: await readBody() });
  return Response.json(result, { status: 201 });
});
