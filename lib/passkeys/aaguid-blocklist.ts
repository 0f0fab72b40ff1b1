import type { TDb } from '../db';
import { inSerializableTransaction } from '../db/serializable';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from './audit-failure';
import { toBlocklist, type TAaguidBlock } from './rp';

/**
 * The community's AAGUID blocklist (002 "AAGUID blacklist"), stored in
 * `Community.aaguidPolicy.blocklist` next to the allow/deny rules and enforced by
 * assertAaguidAllowed (rp.ts) in every registration and sign-in. The use-cases beside this file
 * list, add/update, remove and clear entries.
 */

/** Most entries a community's blocklist holds. */
export const MAX_BLOCKLIST_ENTRIES = 1000;

export type TAaguidBlockDto = { aaguid: string; reg: boolean; auth: boolean; updatedAt: string };

export function toAaguidBlockDtos(list: TAaguidBlock[]): TAaguidBlockDto[] {
  return [...list].sort((a, b) => a.aaguid.localeCompare(b.aaguid)).map((b) => ({ aaguid: b.aaguid, reg: b.reg, auth: b.auth, updatedAt: b.updatedAt }));
}

/**
 * Read-modify-write of the blocklist in a serializable transaction (retried on conflict), so that
 * two concurrent changes never lose one another; the rest of `aaguidPolicy` is kept as it is. The
 * audit event is written in the same transaction.
 * @throws AppError `tenancy.community_not_found`, `request.validation_failed` (too many entries), `service.unavailable`
 */
export async function changeAaguidBlocklist(options: {
  db: TDb;
  communityId: string;
  actor: string;
  meta?: TRequestMeta;
  audit: { type: string; detail: Record<string, unknown> };
  change: (list: TAaguidBlock[]) => TAaguidBlock[];
}): Promise<TAaguidBlockDto[]> {
  const { db, communityId } = options;
  return inSerializableTransaction(db, 'aaguid blocklist change', async (tx) => {
    const community = await tx.community.findUnique({ where: { id: communityId }, select: { tenantId: true, aaguidPolicy: true } });
    if (!community) throw new AppError('tenancy.community_not_found', { detail: communityId });
    const policy = (community.aaguidPolicy && typeof community.aaguidPolicy === 'object' && !Array.isArray(community.aaguidPolicy) ? community.aaguidPolicy : {}) as Record<string, unknown>;
    const next = options.change(toBlocklist(policy.blocklist));
    if (next.length > MAX_BLOCKLIST_ENTRIES) {
      throw new AppError('request.validation_failed', { fields: { items: `at most ${MAX_BLOCKLIST_ENTRIES} entries` }, publicMessage: `Validation error: the blocklist holds at most ${MAX_BLOCKLIST_ENTRIES} entries` });
    }
    await tx.community.update({ where: { id: communityId }, data: { aaguidPolicy: { ...policy, blocklist: next } as object } });
    await writeAuditEvent(tx, {
      type: options.audit.type,
      actor: options.actor,
      result: 'success',
      tenantId: community.tenantId,
      communityId,
      subject: communityId,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: options.audit.detail,
    });
    return toAaguidBlockDtos(next);
  });
}
