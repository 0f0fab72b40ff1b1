import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '../admin/list-query';
import type { TAdminPrincipal } from '../admin/principal';
import { AUDIT_EVENT_SELECT, auditWhere, NEWEST_FIRST, olderThan, toAuditEventDto, type TAuditEventDto } from './audit-query';
import { refineTimeRange, ZAuditFilterFields } from './audit-filter-schema';

/**
 * An opaque keyset cursor: the (at, id) of the last event of a page, base64url. Keyset, not
 * offset, paging: the audit table grows without bound, and an offset deep into it means reading
 * and skipping every row before it, while the next page after (at, id) is one index range scan.
 */
export function encodeAuditCursor(row: { at: Date | string; id: string }): string {
  const at = typeof row.at === 'string' ? row.at : row.at.toISOString();
  return Buffer.from(`${at}|${row.id}`, 'utf8').toString('base64url');
}

function decodeAuditCursor(value: string): { at: Date; id: string } | undefined {
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!at || !id || rest.length > 0 || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) || Number.isNaN(Date.parse(at)) || !/^[\w-]{1,64}$/.test(id)) return undefined;
  return { at: new Date(at), id };
}

const ZCursor = z
  .string()
  .max(200, 'cursor is not valid')
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const c = decodeAuditCursor(v);
    if (!c) ctx.addIssue({ code: 'custom', message: 'cursor is not valid; start again from the newest events' });
    return c;
  });

export const ZAuditListQuery = ZAuditFilterFields.extend({
    cursor: ZCursor,
    pageSize: z.coerce
      .number({ message: 'pageSize must be a number' })
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `pageSize must be one of ${PAGE_SIZES.join(', ')}`)
      .default(DEFAULT_PAGE_SIZE),
  })
  .strict()
  .superRefine(refineTimeRange);
export type TAuditListQueryInput = z.input<typeof ZAuditListQuery>;

/** One page of the audit log: the events, and the cursor of the next (older) page if there is one. */
export type TAuditPage = { items: TAuditEventDto[]; pageSize: number; nextCursor: string | null };

/**
 * The audit events within the caller's scope (see auditScopeWhere), filtered, newest first,
 * paged by keyset on (at, id).
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found` (community filter out of scope)
 */
export async function listAuditEvents(options: { db: TTx; principal: TAdminPrincipal; query?: Record<string, unknown> }): Promise<TAuditPage> {
  const { cursor, pageSize, ...filter } = parseInput(ZAuditListQuery, options.query ?? {});
  const where = await auditWhere({ db: options.db, principal: options.principal, filter });
  const rows = await options.db.auditEvent.findMany({
    where: cursor ? { AND: [where, olderThan(cursor)] } : where,
    orderBy: NEWEST_FIRST,
    take: pageSize + 1,
    select: AUDIT_EVENT_SELECT,
  });
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return { items: items.map(toAuditEventDto), pageSize, nextCursor: rows.length > pageSize && last ? encodeAuditCursor(last) : null };
}
