import type { TDb } from '../db';
import { inSerializableTransaction } from '../db/serializable';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityScopeWhere } from '../admin/scope';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { toRuleOfPolicy } from '../passkeys/rp';
import { policyVersionOf, ZAaguidPolicyInput } from './aaguid-policy';
import { getAaguidPolicy, type TAaguidPolicyDto } from './get-aaguid-policy';

/**
 * Saves a community's AAGUID policy (registration and authentication rules) from the console.
 * Optimistic concurrency: `version` must be the one the editor read, else someone saved in
 * between and nothing changes (409). The rules are written exactly as lib/passkeys reads them
 * (ZAaguidRule); the blocklist and any other keys of `aaguidPolicy` are kept. A serializable
 * read-modify-write with one audit event `metadata.aaguid_policy_changed`.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found` (unknown or out of
 *   scope), `metadata.policy_conflict`, `service.unavailable`
 */
export async function updateAaguidPolicy(options: { db: TDb; principal: TAdminPrincipal; communityId: string; input: unknown; meta?: TRequestMeta }): Promise<TAaguidPolicyDto> {
  const { db, principal } = options;
  const input = parseInput(ZAaguidPolicyInput, options.input);
  await inSerializableTransaction(db, 'aaguid policy change', async (tx) => {
    const community = await tx.community.findFirst({ where: { AND: [{ id: options.communityId }, communityScopeWhere(principal)] }, select: { id: true, tenantId: true, aaguidPolicy: true } });
    if (!community) throw new AppError('tenancy.community_not_found', { detail: `${options.communityId} not in the scope of admin ${principal.adminId}` });
    const stored = community.aaguidPolicy && typeof community.aaguidPolicy === 'object' && !Array.isArray(community.aaguidPolicy) ? (community.aaguidPolicy as Record<string, unknown>) : {};
    const version = policyVersionOf(stored);
    if (input.version !== version) throw new AppError('metadata.policy_conflict', { detail: `read at version ${input.version}, now ${version}` });
    const next = { ...stored, registration: input.registration, authentication: input.authentication, version: version + 1 };
    await tx.community.update({ where: { id: community.id }, data: { aaguidPolicy: next as object } });
    await writeAuditEvent(tx, {
      type: 'metadata.aaguid_policy_changed',
      actor: adminActor(principal),
      result: 'success',
      tenantId: community.tenantId,
      communityId: community.id,
      subject: community.id,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: {
        version: version + 1,
        from: { registration: toRuleOfPolicy(stored, 'registration'), authentication: toRuleOfPolicy(stored, 'authentication') },
        to: { registration: input.registration, authentication: input.authentication },
      },
    });
  });
  return getAaguidPolicy({ db, principal, communityId: options.communityId });
}
