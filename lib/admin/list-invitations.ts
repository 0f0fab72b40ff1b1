import type { TTx } from '../db';
import { loadScopeNames, toInvitationDto, type TInvitationDto } from './admin-dto';
import { toAdminGrant, type TAdminPrincipal } from './principal';
import { grantScopeWhere, isGrantInScope } from './scope';

/** Pending invitations (unused, unexpired setup links) within the caller's scope, newest first. */
export async function listInvitations(options: { db: TTx; principal: TAdminPrincipal; now?: Date }): Promise<TInvitationDto[]> {
  const now = options.now ?? new Date();
  const rows = await options.db.adminSetupToken.findMany({
    where: { ...grantScopeWhere(options.principal), usedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, role: true, tenantId: true, communityIds: true, label: true, createdAt: true, expiresAt: true, createdBy: true },
  });
  const visible = rows.filter((r) => isGrantInScope(options.principal, toAdminGrant(r)));
  const names = await loadScopeNames(options.db, visible.map(toAdminGrant));
  return visible.map((r) => toInvitationDto(r, names(toAdminGrant(r))));
}
