import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/select-field';
import { PageHeader } from '@/components/admin/page-header';
import { RoleBadge } from '@/components/admin/role-badge';
import { BarList, DailyCharts, type TSeries } from '@/components/admin/dashboard/charts';
import { getDb } from '@/lib/db';
import { ERROR_CATALOG, isAppError } from '@/lib/errors';
import { describeGrant, grantOf } from '@/lib/admin/describe-scope';
import { listOwnPasskeys } from '@/lib/admin/own-passkeys';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { DASHBOARD_PERIODS, getDashboard, ZDashboardQuery, type TDashboard } from '@/lib/audit/get-dashboard';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SERIES: TSeries[] = [
  { key: 'signIns', label: 'Sign-ins', barClass: 'fill-brand-600', swatchClass: 'bg-brand-600' },
  { key: 'registrations', label: 'Registrations', barClass: 'fill-emerald-600', swatchClass: 'bg-emerald-600' },
  { key: 'failures', label: 'Failures', barClass: 'fill-red-600', swatchClass: 'bg-red-600' },
];

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

function reasonLabel(code: string): { label: string; hint?: string } {
  if (code === 'passkeys.counter_regression') return { label: 'Sign counter went back (possible cloned authenticator)', hint: code };
  const entry = (ERROR_CATALOG as Record<string, { message: string } | undefined>)[code];
  return entry ? { label: code, hint: entry.message } : { label: code === 'unknown' ? 'Not recorded' : code };
}

/**
 * The console's start page: sign-ins, registrations and failures per day, failures by reason, and
 * the passkeys in use by model and backup state, for the caller's scope or one community in it,
 * over 7, 30 or 90 days. The filter is a plain GET form: the view is in the URL.
 */
export default async function DashboardPage({ searchParams }: TProps) {
  const session = await requireAdminPage('/admin');
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = ZDashboardQuery.safeParse({ communityId: first(params.communityId), days: first(params.days) || undefined });
  const query = parsed.success ? parsed.data : { communityId: undefined, days: 30 };
  const db = getDb();
  const [scope, passkeys, options] = await Promise.all([describeGrant({ db, grant: grantOf(session.principal) }), listOwnPasskeys({ db, principal: session.principal }), listScopeOptions({ db, principal: session.principal })]);
  const communities = options.tenants.flatMap((t) => t.communities.map((c) => ({ value: c.id, label: options.tenants.length > 1 ? `${t.name} / ${c.name}` : c.name })));
  let dashboard: TDashboard | undefined;
  try {
    dashboard = await getDashboard({ db, principal: session.principal, query: { ...(query.communityId ? { communityId: query.communityId } : {}), days: query.days } });
  } catch (e) {
    if (!isAppError(e) || e.code !== 'tenancy.community_not_found') throw e;
  }
  const communityName = query.communityId ? communities.find((c) => c.value === query.communityId)?.label : undefined;
  return (
    <>
      <PageHeader
        eyebrow="Dashboard"
        title={`Welcome, ${session.admin.displayName}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <RoleBadge role={session.principal.role} /> {scope.summary}
          </span>
        }
      />
      {passkeys.length === 1 ? (
        <Alert tone="warning" title="You have only one passkey" className="mb-6">
          If you lose the device it is on, you can&apos;t sign in to the console any more.{' '}
          <Link href="/admin/account" className="font-semibold underline underline-offset-4">
            Add a second passkey
          </Link>
          .
        </Alert>
      ) : null}

      <form method="get" action="/admin" aria-label="Dashboard view" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end">
        <SelectField id="dashboard-community" name="communityId" label="Community" placeholder="All communities in your scope" options={communities} defaultValue={query.communityId ?? ''} className="sm:w-72" />
        <SelectField id="dashboard-days" name="days" label="Period" options={DASHBOARD_PERIODS.map((d) => ({ value: String(d), label: `Last ${d} days` }))} defaultValue={String(query.days)} className="sm:w-48" />
        {/* A plain submit button: this form is rendered on the server and needs no JavaScript. */}
        <button type="submit" className="inline-flex min-h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-base font-semibold text-slate-800 shadow-sm hover:bg-slate-50">
          Show
        </button>
      </form>

      {!dashboard ? (
        <Alert tone="error" title="Community not found" className="mt-6">
          The community in this view is not one you administer. <Link href="/admin" className="font-semibold underline underline-offset-4">Show all communities</Link>.
        </Alert>
      ) : (
        <>
          <p className="mt-4 text-sm text-slate-600" data-testid="dashboard-period">
            {communityName ?? 'All communities in your scope'}, {DATE.format(new Date(dashboard.from))} – {DATE.format(new Date(dashboard.to))} (UTC days).
            {dashboard.truncated ? ' Very many failures: the reasons cover the newest 500,000.' : ''}
          </p>
          <DailyCharts perDay={dashboard.perDay} series={SERIES} />
          <div className="mt-8 grid gap-4 lg:grid-cols-2">
            <BarList
              id="failure-reasons"
              title="Failures by reason"
              description="Refused sign-ins and registrations in the period."
              unit="Failures"
              barClass="fill-red-600"
              rows={dashboard.failuresByReason.map((r) => ({ ...reasonLabel(r.reason), count: r.count }))}
              empty="No failed sign-ins or registrations in this period."
            />
            <BarList
              id="authenticator-mix"
              title="Authenticators"
              description={`The ${dashboard.passkeys} passkeys registered now, by authenticator model.`}
              unit="Passkeys"
              rows={dashboard.authenticators.map((a) => ({ label: a.name, hint: a.aaguid ?? 'Other models', count: a.count }))}
              empty="No passkeys registered yet."
            />
            <BarList
              id="backup-state"
              title="Synced or device-bound"
              description="Synced passkeys are copied between a person's devices by a password manager; device-bound ones never leave their authenticator."
              unit="Passkeys"
              barClass="fill-emerald-600"
              rows={[
                { label: 'Synced', count: dashboard.backup.synced },
                { label: 'Syncable, not backed up yet', count: dashboard.backup.notBackedUp },
                { label: 'Device-bound', count: dashboard.backup.deviceBound },
              ]}
              empty="No passkeys registered yet."
            />
            <section aria-labelledby="more-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <h2 id="more-heading" className="text-base font-semibold text-slate-900">
                Look closer
              </h2>
              <ul className="mt-3 space-y-2 text-sm">
                <li>
                  <Link className="font-semibold text-brand-700 underline-offset-4 hover:underline" href={`/admin/audit?result=failure&type=passkeys.${query.communityId ? `&communityId=${query.communityId}` : ''}`}>
                    Failed passkey ceremonies in the audit log
                  </Link>
                </li>
                <li>
                  <Link className="font-semibold text-brand-700 underline-offset-4 hover:underline" href="/admin/audit?type=admin.">
                    Console sign-ins and administrator changes
                  </Link>
                </li>
              </ul>
            </section>
          </div>
        </>
      )}
    </>
  );
}
