import { z } from 'zod';
import type { Prisma, TTx } from '../db';
import { parseInput } from '../errors/validation';
import type { TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope, communityRowScopeWhere } from '../admin/scope';
import { getAuthenticatorNames } from '../metadata/get-authenticator-metadata';
import { ZERO_AAGUID } from '../metadata/resolve-authenticator';
import { auditScopeWhere } from './audit-query';

export const DASHBOARD_PERIODS = [7, 30, 90] as const;
/** Models shown by name in the authenticator mix; the rest are summed up as "Other". */
export const DASHBOARD_TOP_AUTHENTICATORS = 6;
/**
 * The most failed ceremonies one dashboard reads for "failures by reason" (the reason is inside
 * the Json detail); beyond the bound the reasons cover the newest ones and `truncated` is set.
 * Per-day counts are grouped in the database and are always complete (docs/admin/dashboard.md).
 */
export const DASHBOARD_EVENT_LIMIT = 500_000;

export const SIGN_IN_TYPES = ['passkeys.authenticated'] as const;
export const REGISTRATION_TYPES = ['passkeys.registered', 'passkeys.signed_up'] as const;
export const FAILURE_TYPES = ['passkeys.authentication_failed', 'passkeys.counter_regression', 'passkeys.registration_failed'] as const;

export const ZDashboardQuery = z
  .object({
    communityId: z
      .string()
      .trim()
      .max(64, 'communityId has at most 64 characters.')
      .optional()
      .transform((v) => (v ? v : undefined)),
    days: z.coerce
      .number({ message: 'days must be a number' })
      .int()
      .refine((n) => (DASHBOARD_PERIODS as readonly number[]).includes(n), `days must be one of ${DASHBOARD_PERIODS.join(', ')}`)
      .default(30),
  })
  .strict();
export type TDashboardQueryInput = z.input<typeof ZDashboardQuery>;

export type TDashboardDay = { day: string; signIns: number; registrations: number; failures: number };
export type TDashboard = {
  communityId: string | null;
  days: number;
  /** First day (UTC, inclusive) and the moment the figures were taken. */
  from: string;
  to: string;
  perDay: TDashboardDay[];
  totals: { signIns: number; registrations: number; failures: number };
  /** Failed ceremonies by the catalog code recorded in the event's detail, most frequent first. */
  failuresByReason: Array<{ reason: string; count: number }>;
  /** Passkeys registered now, by authenticator model: the top ones by name, then "Other". */
  authenticators: Array<{ aaguid: string | null; name: string; count: number }>;
  /** Passkeys registered now: synced (backed up), sync-capable not yet backed up, device-bound. */
  backup: { synced: number; notBackedUp: number; deviceBound: number };
  passkeys: number;
  /** More than DASHBOARD_EVENT_LIMIT failures in the period: the reasons cover the newest ones only. */
  truncated: boolean;
};

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function kindOf(type: string, result: string): keyof TDashboard['totals'] | undefined {
  if (result === 'success' && (SIGN_IN_TYPES as readonly string[]).includes(type)) return 'signIns';
  if (result === 'success' && (REGISTRATION_TYPES as readonly string[]).includes(type)) return 'registrations';
  if (result === 'failure' && (FAILURE_TYPES as readonly string[]).includes(type)) return 'failures';
  return undefined;
}

function reasonOf(type: string, detail: unknown): string {
  if (type === 'passkeys.counter_regression') return 'passkeys.counter_regression';
  const code = detail && typeof detail === 'object' ? (detail as Record<string, unknown>).code : undefined;
  return typeof code === 'string' && code ? code : 'unknown';
}

/**
 * The dashboard's figures for the caller's scope (or one community in it) over the last 7, 30 or
 * 90 days (UTC days, today included): sign-ins, registrations and failed ceremonies per day,
 * failures by reason, and the passkeys registered now by authenticator model and backup state.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found` (community out of scope)
 */
export async function getDashboard(options: { db: TTx; principal: TAdminPrincipal; query?: Record<string, unknown>; now?: Date }): Promise<TDashboard> {
  const { db, principal } = options;
  const query = parseInput(ZDashboardQuery, options.query ?? {});
  if (query.communityId) await assertCommunityInScope({ db, principal, communityId: query.communityId });
  const now = options.now ?? new Date();
  const start = new Date(Date.parse(dayOf(now)) - (query.days - 1) * DAY_MS);

  const scoped: Prisma.AuditEventWhereInput = { AND: [await auditScopeWhere(db, principal), query.communityId ? { communityId: query.communityId } : {}] };
  const CEREMONIES = [...SIGN_IN_TYPES, ...REGISTRATION_TYPES, ...FAILURE_TYPES];

  // Per day: one grouped count per UTC day, in the database (a range on `at` and a list of types:
  // the (type, at) index). Portable on SQLite and PostgreSQL, unlike grouping by a day expression.
  const perDay: TDashboardDay[] = [];
  const totals = { signIns: 0, registrations: 0, failures: 0 };
  for (let i = 0; i < query.days; i++) {
    const dayStart = new Date(start.getTime() + i * DAY_MS);
    const dayEnd = new Date(Math.min(dayStart.getTime() + DAY_MS, now.getTime() + 1));
    const groups = await db.auditEvent.groupBy({
      by: ['type', 'result'],
      where: { AND: [scoped, { type: { in: CEREMONIES }, at: { gte: dayStart, lt: dayEnd } }] },
      _count: { _all: true },
    });
    const day: TDashboardDay = { day: dayOf(dayStart), signIns: 0, registrations: 0, failures: 0 };
    for (const g of groups) {
      const key = kindOf(g.type, g.result);
      if (key) day[key] += g._count._all;
    }
    totals.signIns += day.signIns;
    totals.registrations += day.registrations;
    totals.failures += day.failures;
    perDay.push(day);
  }

  // Failures by reason: the reason is inside the Json detail, which can't be grouped portably, so
  // the failed events' (type, detail) are read — a bounded, usually small, set.
  const failures = await db.auditEvent.findMany({
    where: { AND: [scoped, { type: { in: [...FAILURE_TYPES] }, result: 'failure', at: { gte: start, lte: now } }] },
    select: { type: true, detail: true },
    orderBy: { at: 'desc' },
    take: DASHBOARD_EVENT_LIMIT + 1,
  });
  const truncated = failures.length > DASHBOARD_EVENT_LIMIT;
  const reasons = new Map<string, number>();
  for (const e of failures.slice(0, DASHBOARD_EVENT_LIMIT)) {
    const reason = reasonOf(e.type, e.detail);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  // The passkeys as they are now, grouped in the database.
  const passkeyWhere: Prisma.PasskeyWhereInput = { AND: [communityRowScopeWhere(principal), query.communityId ? { communityId: query.communityId } : {}] };
  const [byModel, byBackup] = await Promise.all([
    db.passkey.groupBy({ by: ['aaguid'], where: passkeyWhere, _count: { _all: true } }),
    db.passkey.groupBy({ by: ['backupEligible', 'backupState'], where: passkeyWhere, _count: { _all: true } }),
  ]);
  const models = byModel.map((m) => ({ aaguid: m.aaguid, count: m._count._all })).sort((a, b) => b.count - a.count || a.aaguid.localeCompare(b.aaguid));
  const top = models.slice(0, DASHBOARD_TOP_AUTHENTICATORS);
  const rest = models.slice(DASHBOARD_TOP_AUTHENTICATORS).reduce((n, m) => n + m.count, 0);
  const names = await getAuthenticatorNames({ db, communityId: query.communityId ?? null, aaguids: top.map((m) => m.aaguid) });
  const authenticators: TDashboard['authenticators'] = top.map((m) => ({
    aaguid: m.aaguid,
    name: names.get(m.aaguid) ?? (m.aaguid === ZERO_AAGUID ? 'Unidentified (no AAGUID)' : `Unknown model ${m.aaguid.slice(0, 8)}…`),
    count: m.count,
  }));
  if (rest > 0) authenticators.push({ aaguid: null, name: 'Other', count: rest });
  const backup = { synced: 0, notBackedUp: 0, deviceBound: 0 };
  for (const g of byBackup) backup[!g.backupEligible ? 'deviceBound' : g.backupState ? 'synced' : 'notBackedUp'] += g._count._all;

  return {
    communityId: query.communityId ?? null,
    days: query.days,
    from: start.toISOString(),
    to: now.toISOString(),
    perDay,
    totals,
    failuresByReason: [...reasons.entries()].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    authenticators,
    backup,
    passkeys: models.reduce((n, m) => n + m.count, 0),
    truncated,
  };
}
