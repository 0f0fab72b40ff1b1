import type { TTx } from '../db';

export type TAuditEvent = {
  type: string;
  actor: string;
  result: 'success' | 'failure';
  tenantId?: string | null;
  communityId?: string | null;
  subject?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  detail?: Record<string, unknown>;
};

/**
 * Appends one audit event. Pass the transaction client of the change it records, so that the
 * change and its audit record commit together (ARCHITECTURE.md "Rules").
 */
export async function writeAuditEvent(db: TTx, event: TAuditEvent): Promise<void> {
  await db.auditEvent.create({
    data: {
      type: event.type,
      actor: event.actor,
      result: event.result,
      tenantId: event.tenantId ?? null,
      communityId: event.communityId ?? null,
      subject: event.subject ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      detail: (event.detail ?? {}) as object,
    },
  });
}
