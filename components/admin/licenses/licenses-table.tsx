import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TListQuery } from '@/lib/admin/list-query';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import type { TAdminLicenseDto } from '@/lib/licenses/admin-license';
import { listLicensesInScope } from '@/lib/licenses/list-licenses-in-scope';
import { DataTable } from '../data-table';
import { KeyIcon } from '../icons';
import { DateTime } from '../activity/date-time';
import { RevokeKeyButton } from './revoke-key-button';

function communitiesOf(l: TAdminLicenseDto): string {
  if (l.communities.length === 0) return 'All communities';
  return l.communities.map((c) => c.name).join(', ');
}

/** The licenses list (server component: queried with the caller's scope). */
export async function LicensesTable({ principal, query }: { principal: TAdminPrincipal; query: TListQuery }) {
  const page = await listLicensesInScope({ db: getDb(), principal, query });
  return (
    <DataTable<TAdminLicenseDto>
      caption="Licenses"
      basePath="/admin/licenses"
      query={query}
      page={page}
      rows={page.items}
      rowKey={(l) => l.id}
      rowTestId="license-row"
      stackBelow="xl"
      noun={{ one: 'license', other: 'licenses' }}
      searchLabel="Search licenses"
      searchPlaceholder="Search by label or key prefix"
      empty={<EmptyState icon={<KeyIcon className="h-6 w-6" />} title="No licenses yet">Create one for each back end that calls the /webauthn or /authn API.</EmptyState>}
      columns={[
        {
          key: 'key',
          header: 'License',
          rowHeader: true,
          cell: (l) => (
            <span className="block text-left">
              <span className="block font-semibold text-slate-900">{l.label ?? <span className="font-normal text-slate-500 italic">No label</span>}</span>
              <code className="text-sm text-slate-600">{l.keyPrefix}…</code>
            </span>
          ),
        },
        { key: 'level', header: 'Level', cell: (l) => <Badge tone={l.authLevel === 'system' ? 'warning' : 'neutral'}>{l.authLevel}</Badge> },
        {
          key: 'communities',
          header: 'Communities',
          className: 'xl:max-w-64',
          cell: (l) => (
            <span className="text-slate-700">
              {l.tenant ? <span className="block text-slate-500">{l.tenant.name}</span> : null}
              {communitiesOf(l)}
            </span>
          ),
        },
        { key: 'created', header: 'Created', cell: (l) => <DateTime iso={l.createdAt} /> },
        { key: 'used', header: 'Last used', cell: (l) => <DateTime iso={l.lastUsedAt} /> },
        {
          key: 'status',
          header: 'Status',
          cell: (l) =>
            l.revokedAt ? (
              <span>
                <Badge tone="danger">Revoked</Badge> <span className="block text-sm text-slate-500"><DateTime iso={l.revokedAt} /></span>
              </span>
            ) : (
              <Badge tone="success">Active</Badge>
            ),
        },
        { key: 'actions', header: 'Actions', srOnlyHeader: true, align: 'right', className: 'xl:w-px', cell: (l) => (l.revokedAt ? null : <RevokeKeyButton kind="license" id={l.id} keyPrefix={l.keyPrefix} label={l.label} />) },
      ]}
    />
  );
}
