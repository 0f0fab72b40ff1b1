import type { TTx } from '../db';
import { isAppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';

export type TRequestMeta = { ip?: string | null; userAgent?: string | null };

/**
 * Records a refused ceremony in the audit trail with the internal reason (never shown to the
 * caller). Written on its own: the failed change has no transaction to join.
 */
export async function auditFailure(db: TTx, input: { type: string; communityId: string; actor: string; error: unknown; meta?: TRequestMeta; subject?: string; extra?: Record<string, unknown> }): Promise<void> {
  if (!isAppError(input.error) || !input.error.expose) return; // unexpected errors go to the log
  if (input.error.code === 'tenancy.community_not_found') return; // nothing to attribute it to
  await writeAuditEvent(db, {
    type: input.type,
    actor: input.actor,
    result: 'failure',
    communityId: input.communityId,
    subject: input.subject ?? null,
    ip: input.meta?.ip,
    userAgent: input.meta?.userAgent,
    detail: { code: input.error.code, reason: input.error.detail ?? null, ...input.extra },
  });
}
