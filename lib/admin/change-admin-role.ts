import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { loadAdminDto, type TAdminDto } from './admin-dto';
import { lockAdministrators } from './admin-lock';
import { resolveGrant, ZAdminGrant } from './grant';
import { adminActor, toAdminGrant, type TAdminPrincipal } from './principal';
import { grantScopeWhere, isGrantInScope } from './scope';

/**
 * Changes an administrator's role and scope, under the invitation rule (nobody grants more than
 * they have) and only for administrators within the caller's scope. The last system administrator
 * can't be demoted; changes are serialised (lockAdministrators) so two system admins demoting each
 * other at once can't leave none. The change applies to the administrator's next request.
 * @throws AppError `request.validation_failed`, `admin.not_found`, `admin.role_not_grantable`,
 *   `tenancy.tenant_not_found`, `tenancy.community_not_found`, `admin.last_system_admin`
 */
export async function changeAdminRole(options: { db: TDb; principal: TAdminPrincipal; adminId: string; input: unknown; now?: Date }): Promise<TAdminDto> {
  const input = parseInput(ZAdminGrant, options.input);
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx: TTx) => {
    await lockAdministrators(tx, now);
    const target = await tx.admin.findFirst({ where: { id: options.adminId, ...grantScopeWhere(options.principal) } });
    if (!target || !isGrantInScope(options.principal, toAdminGrant(target))) throw new AppError('admin.not_found', { detail: options.adminId });
    const before = toAdminGrant(target);
    const grant = await resolveGrant({ db: tx, principal: options.principal, grant: input });
    if (before.role === 'system' && grant.role !== 'system' && (await tx.admin.count({ where: { role: 'system' } })) <= 1) {
      throw new AppError('admin.last_system_admin', { detail: `demoting ${target.id}` });
    }
    await tx.admin.update({ where: { id: target.id }, data: { role: grant.role, tenantId: grant.tenantId, communityIds: grant.communityIds, updatedAt: now } });
    await writeAuditEvent(tx, { type: 'admin.role_changed', actor: adminActor(options.principal), result: 'success', tenantId: grant.tenantId ?? before.tenantId, subject: target.id, detail: { from: before, to: grant } });
    return loadAdminDto(tx, target.id, options.principal.adminId);
  });
}
