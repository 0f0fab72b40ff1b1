import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import { listApplicationsForAdmin, type TAdminApplicationDto } from '@/lib/applications/admin-applications';
import type { TListQuery } from '@/lib/admin/list-query';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import { DataTable } from '../data-table';
import { AppsIcon } from '../icons';

/** The applications list (server component: queried with the caller's scope). */
export async function ApplicationsTable({ principal, query }: { principal: TAdminPrincipal; query: TListQuery }) {
  const page = await listApplicationsForAdmin({ db: getDb(), principal, query });
  return (
    <DataTable<TAdminApplicationDto>
      caption="Applications"
      basePath="/admin/applications"
      query={query}
      page={page}
      rows={page.items}
      rowKey={(a) => a.id}
      rowTestId="application-row"
      stackBelow="lg"
      noun={{ one: 'application', other: 'applications' }}
      searchLabel="Search applications"
      searchPlaceholder="Search by name, id or community"
      empty={<EmptyState icon={<AppsIcon className="h-6 w-6" />} title="No applications yet">Create one for each site or app that uses the FIDO2 API 2.0.</EmptyState>}
      columns={[
        {
          key: 'name',
          header: 'Application',
          rowHeader: true,
          cell: (a) => (
            <span className="block text-left">
              <Link href={`/admin/applications/${a.id}`} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
                {a.name}
              </Link>
              <span className="block font-mono text-xs break-all text-slate-500">{a.id}</span>
            </span>
          ),
        },
        {
          key: 'community',
          header: 'Community',
          cell: (a) => (
            <span className="text-slate-700">
              {a.community.name} <span className="text-slate-500">({a.tenant.name})</span>
            </span>
          ),
        },
        { key: 'status', header: 'Status', cell: (a) => (a.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Disabled</Badge>) },
        { key: 'signup', header: 'Sign-up', cell: (a) => (a.allowSignUp ? 'Allowed' : 'Signed-in users only') },
        { key: 'keys', header: 'Active keys', cell: (a) => String(a.activeKeyCount) },
      ]}
    />
  );
}
