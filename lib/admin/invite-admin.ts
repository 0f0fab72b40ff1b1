import type { TDb, TTx } from '../db';
import { parseInput } from '../errors/validation';
import { loadScopeNames, toInvitationDto, type TInvitationDto } from './admin-dto';
import { createSetupLink } from './create-setup-link';
import { resolveGrant, ZInviteInput } from './grant';
import { adminActor, type TAdminPrincipal } from './principal';

/** Who the operator CLI acts as in the audit trail (as lib/cli/command.ts CLI_ACTOR). */
const CLI_ACTOR = 'cli';

/**
 * Invites an administrator: a one-time setup link (valid 24 h) with a role and scope that the
 * caller may grant. A tenant admin invites only within its tenant, a community admin only within
 * its communities, and nobody above their own role; `principal: null` is the operator CLI, who may
 * grant anything. The link is returned once; only its hash is stored.
 * @throws AppError `request.validation_failed`, `admin.role_not_grantable`, `tenancy.tenant_not_found`,
 *   `tenancy.community_not_found`
 */
export async function inviteAdmin(options: { db: TDb; principal: TAdminPrincipal | null; origin: string; input: unknown; now?: Date }): Promise<{ url: string; invitation: TInvitationDto }> {
  const input = parseInput(ZInviteInput, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    const grant = await resolveGrant({ db: tx, principal: options.principal, grant: input });
    const link = await createSetupLink({ db: tx, origin: options.origin, actor: options.principal ? adminActor(options.principal) : CLI_ACTOR, ...grant, label: input.label || null, now: options.now });
    const row = await tx.adminSetupToken.findUniqueOrThrow({ where: { id: link.id } });
    const names = await loadScopeNames(tx, [grant]);
    return { url: link.url, invitation: toInvitationDto(row, names(grant)) };
  });
}
