import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { writeAuditEvent } from './write-audit-event';
import { AUDIT_EVENT_SELECT, auditWhere, NEWEST_FIRST, olderThan, toAuditEventDto, type TAuditEventDto } from './audit-query';
import { refineTimeRange, ZAuditFilterFields } from './audit-filter-schema';
import { csvRecord } from './csv';

/** The most events one export holds; narrow the time range for more (docs/admin/audit.md). */
export const AUDIT_EXPORT_LIMIT = 100_000;
/** Events read per query while streaming: memory stays bounded by one batch, not the file. */
const BATCH = 1_000;

export const ZAuditExportQuery = ZAuditFilterFields.extend({
  format: z.enum(['csv', 'json'], { message: 'format must be csv or json' }),
})
  .strict()
  .superRefine(refineTimeRange);

export const AUDIT_CSV_COLUMNS = ['at', 'id', 'type', 'result', 'actor', 'subject', 'tenantId', 'communityId', 'ip', 'userAgent', 'detail'] as const satisfies ReadonlyArray<keyof TAuditEventDto>;

export type TAuditExport = { filename: string; contentType: string; limit: number; chunks: AsyncIterable<string> };

/**
 * The audit events of a filter (in the caller's scope, newest first) as CSV or JSON, produced
 * batch by batch while the response is sent, at most AUDIT_EXPORT_LIMIT events. The export itself
 * is recorded (`audit.exported`, with the filter) before the first byte: reading the log is
 * security-relevant too. JSON is `{"limit", "events": [...], "truncated"}` (truncated says whether
 * events were left out); CSV has a header row and the detail as a JSON cell.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found` (community filter out of scope)
 */
export async function exportAuditEvents(options: { db: TTx; principal: TAdminPrincipal; query?: Record<string, unknown>; meta?: TRequestMeta; now?: Date; limit?: number }): Promise<TAuditExport> {
  const { db, principal } = options;
  const { format, ...filter } = parseInput(ZAuditExportQuery, options.query ?? {});
  const where = await auditWhere({ db, principal, filter });
  const limit = options.limit ?? AUDIT_EXPORT_LIMIT;
  const now = options.now ?? new Date();
  // The export's own event is written before reading, so it is part of an unfiltered export.
  await writeAuditEvent(db, {
    type: 'audit.exported',
    actor: adminActor(principal),
    result: 'success',
    tenantId: principal.tenantId ?? null,
    communityId: filter.communityId ?? null,
    ip: options.meta?.ip,
    userAgent: options.meta?.userAgent,
    detail: { format, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), limit },
  });

  async function* events(): AsyncGenerator<TAuditEventDto[], boolean> {
    let cursor: { at: Date; id: string } | undefined;
    let sent = 0;
    while (sent < limit) {
      const rows = await db.auditEvent.findMany({ where: cursor ? { AND: [where, olderThan(cursor)] } : where, orderBy: NEWEST_FIRST, take: Math.min(BATCH, limit - sent), select: AUDIT_EVENT_SELECT });
      if (rows.length === 0) return false;
      sent += rows.length;
      const last = rows.at(-1)!;
      cursor = { at: last.at, id: last.id };
      yield rows.map(toAuditEventDto);
    }
    // Limit reached: is anything left out?
    return (await db.auditEvent.findFirst({ where: cursor ? { AND: [where, olderThan(cursor)] } : where, select: { id: true } })) !== null;
  }

  async function* csv(): AsyncGenerator<string> {
    yield csvRecord(AUDIT_CSV_COLUMNS);
    for await (const batch of events()) yield batch.map((e) => csvRecord(AUDIT_CSV_COLUMNS.map((c) => e[c]))).join('');
  }

  async function* json(): AsyncGenerator<string> {
    yield `{"limit":${limit},"events":[`;
    let first = true;
    const it = events();
    for (;;) {
      const next = await it.next();
      if (next.done) {
        yield `\n],"truncated":${next.value}}\n`;
        return;
      }
      yield next.value.map((e, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(e)}`).join('');
      first = false;
    }
  }

  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    filename: `latchkey-audit-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    limit,
    chunks: format === 'csv' ? csv() : json(),
  };
}
