import type { Metadata } from 'next';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/admin/page-header';
import { AuditFilters } from '@/components/admin/audit/audit-filters';
import { AuditTable } from '@/components/admin/audit/audit-table';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { AUDIT_FILTER_KEYS, auditFilterSearch } from '@/lib/audit/audit-filter-schema';
import { listAuditEvents, type TAuditPage } from '@/lib/audit/list-audit-events';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const exportLink = 'inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 py-2 font-semibold text-slate-800 shadow-sm hover:bg-slate-50';

/** Security-relevant and admin events in the caller's scope: filtered, newest first, exported as CSV or JSON. */
export default async function AuditPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/audit');
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const query: Record<string, string> = {};
  for (const key of [...AUDIT_FILTER_KEYS, 'cursor', 'pageSize'] as const) {
    const v = first(params[key]);
    if (v) query[key] = v;
  }
  const db = getDb();
  const scope = await listScopeOptions({ db, principal });
  const communities = scope.tenants.flatMap((t) => t.communities.map((c) => ({ value: c.id, label: scope.tenants.length > 1 ? `${t.name} / ${c.name}` : c.name })));
  const communityNames = Object.fromEntries(communities.map((c) => [c.value, c.label]));
  let page: TAuditPage | undefined;
  let problem: { title: string; text: string } | undefined;
  try {
    page = await listAuditEvents({ db, principal, query });
  } catch (e) {
    if (!isAppError(e) || !e.expose) throw e;
    problem =
      e.code === 'request.validation_failed'
        ? { title: 'These filters are not valid', text: Object.values(e.fields ?? {}).join(' ') || e.message }
        : { title: 'Community not found', text: 'The community in this filter is not one you administer.' };
  }
  const filterSearch = auditFilterSearch(query);
  const exportHref = (format: 'csv' | 'json') => `/admin/api/audit/export?format=${format}${filterSearch ? `&${filterSearch}` : ''}`;
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, registration, failure and change in your scope: who, what, when, from where, and the result."
        actions={
          <>
            <a href={exportHref('csv')} download className={exportLink}>
              Export CSV
            </a>
            <a href={exportHref('json')} download className={exportLink}>
              Export JSON
            </a>
          </>
        }
      />
      <AuditFilters key={filterSearch} initial={query} communities={communities} />
      {problem ? (
        <Alert tone="error" title={problem.title}>
          {problem.text}
        </Alert>
      ) : page ? (
        <AuditTable page={page} filterSearch={filterSearch} isFirstPage={!query.cursor} communityNames={communityNames} />
      ) : null}
      <p className="mt-4 text-sm text-slate-500">Exports hold the newest 100,000 events of the filter; narrow the time range for more. Each export is recorded in this log.</p>
    </>
  );
}
