import Link from 'next/link';
import type { ReactNode } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { DEFAULT_PAGE_SIZE, type TListQuery, type TPage } from '@/lib/admin/list-query';
import { ChevronIcon, SearchIcon } from './icons';
import { DataTableSearch, PageSizeSelect } from './data-table-controls';

/**
 * The console's list: searched and paged on the server through the URL (`q`, `page`,
 * `pageSize`; lib/admin/list-query.ts parses them on both sides), so a list is linkable, works
 * with Back, and works without JavaScript. Accessible table markup (caption, column headers,
 * row headers), stacked into cards on phones; an empty state, a "no match" state, and a
 * skeleton (DataTableSkeleton) for loading.tsx / Suspense while the next page loads.
 *
 *   const query = listQueryFromSearchParams(await searchParams);
 *   const page = await listThings({ db, principal, query });
 *   <DataTable caption="Things" basePath="/admin/things" query={query} page={page} rows={page.items} rowKey={(t) => t.id}
 *     noun={{ one: 'thing', other: 'things' }} columns={[{ key: 'name', header: 'Name', cell: (t) => t.name, rowHeader: true }]}
 *     empty={<EmptyState title="No things yet" />} />
 */

export type TDataTableColumn<T> = {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell that names the row (a `th scope="row"`); usually the first column. */
  rowHeader?: boolean;
  /** Visually hidden column header (e.g. actions); still read by screen readers. */
  srOnlyHeader?: boolean;
  align?: 'left' | 'right';
  className?: string;
};

export type TDataTableProps<T> = {
  /** The table's accessible name (visually hidden caption). */
  caption: string;
  columns: TDataTableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  page: Pick<TPage<T>, 'page' | 'pageSize' | 'total' | 'pageCount'>;
  query: TListQuery;
  /** The page's path (with fixed filter parameters, if any); links keep it and change only q/page/pageSize. */
  basePath: string;
  noun: { one: string; other: string };
  /** Shown when there is nothing at all (no search). */
  empty: ReactNode;
  searchLabel?: string;
  searchPlaceholder?: string;
  /** data-testid of each row. */
  rowTestId?: string;
  /**
   * Below this width rows are stacked as cards ("Header: value"); from it on, a table. Wide
   * tables (many columns, actions) stack below `xl` so nothing is squeezed next to the sidebar.
   */
  stackBelow?: 'md' | 'lg' | 'xl';
};

/** Whole class names per breakpoint (Tailwind only sees literal class names). */
const LAYOUT = {
  md: { thead: 'hidden md:table-header-group', row: 'md:table-row md:p-0 md:hover:bg-slate-50/60', cell: 'md:table-cell md:px-4 md:py-3', label: 'md:before:content-none', right: 'md:text-right' },
  lg: { thead: 'hidden lg:table-header-group', row: 'lg:table-row lg:p-0 lg:hover:bg-slate-50/60', cell: 'lg:table-cell lg:px-4 lg:py-3', label: 'lg:before:content-none', right: 'lg:text-right' },
  xl: { thead: 'hidden xl:table-header-group', row: 'xl:table-row xl:p-0 xl:hover:bg-slate-50/60', cell: 'xl:table-cell xl:px-4 xl:py-3', label: 'xl:before:content-none', right: 'xl:text-right' },
} as const;

/**
 * The URL of a list page with some of its query changed (defaults left out). A basePath may
 * carry fixed parameters of its own (a filter, e.g. `/admin/users?communityId=…`); they are kept.
 */
export function listHref(basePath: string, query: TListQuery, change: Partial<TListQuery> = {}): string {
  const next = { ...query, ...change };
  const [path, fixed] = basePath.split('?');
  const params = new URLSearchParams(fixed);
  if (next.q) params.set('q', next.q);
  if (next.page > 1) params.set('page', String(next.page));
  if (next.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(next.pageSize));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : (path ?? basePath);
}

function PageLink({ href, label, direction, disabled }: { href: string; label: string; direction: 'left' | 'right'; disabled: boolean }) {
  const content = (
    <>
      {direction === 'left' ? <ChevronIcon direction="left" /> : null}
      <span>{label}</span>
      {direction === 'right' ? <ChevronIcon /> : null}
    </>
  );
  const cls = 'inline-flex min-h-10 items-center gap-1 rounded-lg border px-3 text-sm font-semibold';
  if (disabled)
    return (
      <span aria-disabled="true" className={`${cls} cursor-not-allowed border-slate-200 text-slate-400`}>
        {content}
      </span>
    );
  return (
    <Link href={href} className={`${cls} border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50`} aria-label={`${label} page`}>
      {content}
    </Link>
  );
}

export function DataTable<T>({ caption, columns, rows, rowKey, page, query, basePath, noun, empty, searchLabel, searchPlaceholder, rowTestId, stackBelow = 'md' }: TDataTableProps<T>) {
  const layout = LAYOUT[stackBelow];
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.page * page.pageSize, page.total);
  const summary = page.total === 0 ? `No ${noun.other}` : `${first}–${last} of ${page.total} ${page.total === 1 ? noun.one : noun.other}`;
  return (
    <section aria-label={caption} className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <DataTableSearch basePath={basePath} q={query.q ?? ''} pageSize={query.pageSize} label={searchLabel ?? `Search ${noun.other}`} placeholder={searchPlaceholder} />
        <p role="status" aria-live="polite" className="text-sm text-slate-600" data-testid="table-summary">
          {query.q ? `${summary} matching “${query.q}”` : summary}
        </p>
      </div>

      {rows.length === 0 ? (
        query.q ? (
          <EmptyState icon={<SearchIcon className="h-6 w-6" />} title={`No ${noun.other} match “${query.q}”`} action={<Link href={listHref(basePath, query, { q: undefined, page: 1 })} className="font-semibold text-brand-700 underline-offset-4 hover:underline">Clear the search</Link>}>
            Check the spelling, or search by another part of the name.
          </EmptyState>
        ) : (
          empty
        )
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table role="table" className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead role="rowgroup" className={`border-b border-slate-200 bg-slate-50 ${layout.thead}`}>
              <tr role="row">
                {columns.map((c) => (
                  <th key={c.key} role="columnheader" scope="col" className={`px-4 py-3 font-semibold text-slate-700 ${c.align === 'right' ? 'text-right' : ''} ${c.className ?? ''}`}>
                    {c.srOnlyHeader ? <span className="sr-only">{c.header}</span> : c.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody role="rowgroup" className="divide-y divide-slate-200">
              {rows.map((row) => (
                <tr key={rowKey(row)} role="row" data-testid={rowTestId} className={`block p-4 ${layout.row}`}>
                  {columns.map((c) => {
                    const Cell = c.rowHeader ? 'th' : 'td';
                    return (
                      <Cell
                        key={c.key}
                        role={c.rowHeader ? 'rowheader' : 'cell'}
                        scope={c.rowHeader ? 'row' : undefined}
                        data-label={c.srOnlyHeader || c.rowHeader ? undefined : c.header}
                        className={[
                          `block py-1 align-middle font-normal text-slate-700 ${layout.cell}`,
                          // Stacked: each cell is "Header: value" under the row's name.
                          c.srOnlyHeader || c.rowHeader ? '' : `before:mr-2 before:font-medium before:text-slate-500 before:content-[attr(data-label)":"] ${layout.label}`,
                          c.align === 'right' ? layout.right : '',
                          c.className ?? '',
                        ].join(' ')}
                      >
                        {c.cell(row)}
                      </Cell>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.total > 0 ? (
        <nav aria-label={`${caption} pages`} className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <PageSizeSelect basePath={basePath} q={query.q} pageSize={query.pageSize} />
          <div className="flex items-center gap-2">
            <span className="mr-1 text-sm text-slate-600">
              Page {page.page} of {page.pageCount}
            </span>
            <PageLink href={listHref(basePath, query, { page: page.page - 1 })} label="Previous" direction="left" disabled={page.page <= 1} />
            <PageLink href={listHref(basePath, query, { page: page.page + 1 })} label="Next" direction="right" disabled={page.page >= page.pageCount} />
          </div>
        </nav>
      ) : null}
    </section>
  );
}

/** The loading state of a DataTable (loading.tsx, or a Suspense fallback while a new page loads). */
export function DataTableSkeleton({ rows = 5, columns = 4, label = 'Loading…' }: { rows?: number; columns?: number; label?: string }) {
  return (
    <div className="space-y-4" aria-busy="true">
      <p role="status" className="sr-only">
        {label}
      </p>
      <Skeleton className="h-11 w-full max-w-sm" />
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="border-b border-slate-200 bg-slate-50 px-4 py-3.5">
          <Skeleton className="h-4 w-1/3" />
        </div>
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="flex gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
            {Array.from({ length: columns }, (_, c) => (
              <Skeleton key={c} className={`h-4 ${c === 0 ? 'w-1/4' : 'w-1/6'}`} />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
