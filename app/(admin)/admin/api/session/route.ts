import { adminRoute } from '@/lib/http/admin-route';

// Who is signed in, with role and scope as of now, and until when.
export const GET = adminRoute(async ({ adminSession: s }) => ({
  admin: { id: s.principal.adminId, username: s.admin.username, displayName: s.admin.displayName, role: s.principal.role, tenantId: s.principal.tenantId ?? null, communityIds: s.principal.communityIds },
  expiresAt: s.expiresAt.toISOString(),
  absoluteExpiresAt: s.absoluteExpiresAt.toISOString(),
}));
