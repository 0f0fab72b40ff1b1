import { z } from 'zod';

/**
 * The audit log's filters, shared by the list (`GET /admin/api/audit`), the export
 * (`GET /admin/api/audit/export`), the page's filter form and its URL: community, actor, user,
 * event type (a prefix such as `passkeys.`), result and a time range. Every field is optional.
 */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// ISO 8601 date-time; without an offset it is read as UTC (what the page's fields show).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

function instant(bound: 'from' | 'to') {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || ((DATE_ONLY.test(v) || DATE_TIME.test(v)) && !Number.isNaN(Date.parse(v))), `${bound} must be a date (2026-11-30) or a date and time (2026-11-30T14:00Z)`);
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const AUDIT_RESULTS = ['success', 'failure'] as const;

/** The filter fields, for schemas that add their own (the list's cursor and page size). */
export const ZAuditFilterFields = z
  .object({
    communityId: optionalText(64, 'communityId'),
    /** Exact actor, e.g. `admin:<id>`, `user:<id>`, `license:<id>`, `cli`. */
    actor: optionalText(200, 'actor'),
    /** A user's id or username (of a community in scope): events the user did or that concern them. */
    user: optionalText(200, 'user'),
    /** Event type prefix, e.g. `passkeys.` or `passkeys.authenticated`. */
    type: optionalText(100, 'type').refine((v) => v === undefined || /^[a-z0-9_.]+$/.test(v), 'type is a prefix of an event type, such as passkeys. (letters, digits, _ and .)'),
    result: z.preprocess((v) => (v === '' ? undefined : v), z.enum(AUDIT_RESULTS, { message: 'result must be success or failure' }).optional()),
    from: instant('from'),
    to: instant('to'),
  })
  .strict();

/** A time range that ends before it starts matches nothing: a mistake worth saying. */
export function refineTimeRange(f: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  const r = timeRange(f);
  if (r.from && r.toBefore && r.from >= r.toBefore) ctx.addIssue({ code: 'custom', message: 'to must not be before from', path: ['to'] });
}

export const ZAuditFilter = ZAuditFilterFields.superRefine(refineTimeRange);
export type TAuditFilter = z.output<typeof ZAuditFilter>;
export type TAuditFilterInput = z.input<typeof ZAuditFilter>;

export const AUDIT_FILTER_KEYS = ['communityId', 'actor', 'user', 'type', 'result', 'from', 'to'] as const satisfies ReadonlyArray<keyof TAuditFilter>;

function parseInstant(v: string): Date {
  return new Date(DATE_ONLY.test(v) || /[Zz]|[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}Z`);
}

/** The time range of a filter: `from` inclusive; `to` inclusive, a date alone meaning the whole day. */
export function timeRange(f: { from?: string; to?: string }): { from?: Date; toBefore?: Date } {
  const from = f.from ? parseInstant(f.from) : undefined;
  let toBefore: Date | undefined;
  if (f.to) {
    const t = parseInstant(f.to);
    toBefore = new Date(t.getTime() + (DATE_ONLY.test(f.to) ? 86_400_000 : 1));
  }
  return { from, toBefore };
}

/** The query string of a filter (empty fields left out): the page's URL and the export's. */
export function auditFilterSearch(filter: Partial<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const v = filter[key];
    if (v) params.set(key, v);
  }
  return params.toString();
}
