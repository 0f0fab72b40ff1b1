import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import { listMetadataRecords } from '@/lib/metadata/list-metadata-records';
import type { TMetadataRecordDto } from '@/lib/metadata/metadata-record';
import type { TListQuery } from '@/lib/admin/list-query';
import { DataTable } from '../data-table';
import { ChipIcon } from '../icons';
import { RecordRowActions } from './record-row-actions';

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

export type TRecordFilters = { community?: string; status?: 'enabled' | 'disabled' };

/** The list's path with its filters, for the DataTable's links. */
export function recordsBasePath(filters: TRecordFilters): string {
  const params = new URLSearchParams();
  if (filters.community) params.set('community', filters.community);
  if (filters.status) params.set('status', filters.status);
  const qs = params.toString();
  return qs ? `/admin/metadata?${qs}` : '/admin/metadata';
}

function Authenticator({ r }: { r: TMetadataRecordDto }) {
  return (
    <span className="flex items-center gap-3 text-left">
      <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-white ring-1 ring-slate-200">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL, nothing to optimise */}
        {r.iconLight ? <img src={r.iconLight} alt="" className="h-7 w-7 object-contain" /> : <ChipIcon className="h-5 w-5 text-slate-400" />}
      </span>
      <span className="min-w-0">
        <span className="block font-semibold text-slate-900">{r.name}</span>
        <span className="block font-mono text-xs break-all text-slate-500">{r.aaguid}</span>
      </span>
    </span>
  );
}

/** The vendor metadata records list (server component: queried with the caller's scope). */
export async function RecordsTable({ principal, query, filters }: { principal: TAdminPrincipal; query: TListQuery; filters: TRecordFilters }) {
  const page = await listMetadataRecords({ db: getDb(), principal, query: { ...query, ...filters } });
  const filtered = Boolean(filters.community || filters.status);
  return (
    <DataTable<TMetadataRecordDto>
      caption="Vendor metadata records"
      basePath={recordsBasePath(filters)}
      query={query}
      page={page}
      rows={page.items}
      rowKey={(r) => r.id}
      rowTestId="metadata-row"
      stackBelow="xl"
      noun={{ one: 'record', other: 'records' }}
      searchLabel="Search records"
      searchPlaceholder="Search by name or AAGUID"
      empty={
        <EmptyState icon={<ChipIcon className="h-6 w-6" />} title={filtered ? 'No records match these filters' : 'No vendor metadata records yet'}>
          {filtered ? 'Choose other filters above.' : 'Passkeys are named from the bundled list of well-known authenticators. Add a record to name a model yourself, or import the FIDO Metadata Service BLOB.'}
        </EmptyState>
      }
      columns={[
        { key: 'name', header: 'Authenticator', rowHeader: true, className: 'xl:min-w-72', cell: (r) => <Authenticator r={r} /> },
        {
          key: 'scope',
          header: 'Applies to',
          cell: (r) =>
            r.community ? (
              <span className="text-slate-700">
                {r.community.name} <span className="text-slate-500">· {r.community.tenantName}</span>
              </span>
            ) : (
              <Badge tone="brand">All communities</Badge>
            ),
        },
        { key: 'status', header: 'Status', cell: (r) => (r.disabled ? <Badge>Disabled</Badge> : <Badge tone="success">Enabled</Badge>) },
        {
          key: 'updated',
          header: 'Updated',
          cell: (r) => (
            <span>
              <time dateTime={r.updatedAt} className="whitespace-nowrap">
                {DATE.format(new Date(r.updatedAt))}
              </time>
              {r.updatedBy ? <span className="block text-xs text-slate-500">by {r.updatedBy}</span> : null}
            </span>
          ),
        },
        {
          key: 'actions',
          header: 'Actions',
          srOnlyHeader: true,
          align: 'right',
          className: 'xl:w-px',
          cell: (r) => (r.editable ? <RecordRowActions record={r} /> : <span className="text-sm text-slate-500">Managed by system admins</span>),
        },
      ]}
    />
  );
}
