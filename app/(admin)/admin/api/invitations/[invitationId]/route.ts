import { getDb } from '@/lib/db';
import { revokeInvitation } from '@/lib/admin/revoke-invitation';
import { adminRoute } from '@/lib/http/admin-route';

// Revoke a pending invitation: its setup link stops working.
export const DELETE = adminRoute<{ invitationId: string }>(async ({ principal, params }) => {
  await revokeInvitation({ db: getDb(), principal, invitationId: params.invitationId });
  return new Response(null, { status: 204 });
});
