import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import type { TAuditPage } from '@/lib/audit/list-audit-events';
import { AuditIcon, ChevronIcon } from '../icons';
import { AuditRow } from './audit-row';

/**
 * The audit events of one page: newest first, with an "Older events" link that carries the keyset
 * cursor (no page numbers or totals: the table grows without bound, and counting it would cost
 * more than showing it). Stacked into cards below `lg`.
 */
export function AuditTable({ page, filterSearch, isFirstPage, communityNames }: { page: TAuditPage; filterSearch: string; isFirstPage: boolean; communityNames: Record<string, string> }) {
  const href = (extra: Record<string, string>) => {
    const params = new URLSearchParams(filterSearch);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    if (page.pageSize !== 25) params.set('pageSize', String(page.pageSize));
    const qs = params.toString();
    return qs ? `/admin/audit?${qs}` : '/admin/audit';
  };
  if (page.items.length === 0)
    return (
      <EmptyState icon={<AuditIcon className="h-6 w-6" />} title={isFirstPage ? (filterSearch ? 'No events match these filters' : 'No events yet') : 'No older events'}>
        {filterSearch ? 'Widen the time range or clear some filters.' : 'Sign-ins, registrations and changes made in the console appear here.'}
      </EmptyState>
    );
  return (
    <section aria-label="Audit events" className="space-y-4">
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="hidden border-b border-slate-200 bg-slate-50 lg:table-header-group">
            <tr>
              {['Time', 'Event', 'Actor', 'Community', 'IP'].map((h) => (
                <th key={h} scope="col" className="px-4 py-3 font-semibold text-slate-700">
                  {h}
                </th>
              ))}
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Details</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {page.items.map((e) => (
              <AuditRow key={e.id} event={e} communityName={e.communityId ? communityNames[e.communityId] : undefined} />
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit log pages" className="flex flex-wrap items-center justify-between gap-3">
        {isFirstPage ? (
          <span />
        ) : (
          <Link href={href({})} className="inline-flex min-h-10 items-center gap-1 rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50">
            <ChevronIcon direction="left" /> Newest events
          </Link>
        )}
        {page.nextCursor ? (
          <Link href={href({ cursor: page.nextCursor })} className="inline-flex min-h-10 items-center gap-1 rounded-lg border border-slate-300 bg-white px-3 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50">
            Older events <ChevronIcon />
          </Link>
        ) : (
          <span className="text-sm text-slate-500">No older events</span>
        )}
      </nav>
    </section>
  );
}
