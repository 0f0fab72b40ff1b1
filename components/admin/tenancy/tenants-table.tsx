import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TListQuery } from '@/lib/admin/list-query';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import { listTenantsForAdmin, type TTenantListItem } from '@/lib/tenancy/admin-tenants';
import { DataTable } from '../data-table';
import { TenantsIcon } from '../icons';
import { AddCommunityButton, RenameTenantButton } from './tenant-actions';

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

/** The tenants list with their communities (server component: queried with the caller's scope). */
export async function TenantsTable({ principal, query }: { principal: TAdminPrincipal; query: TListQuery }) {
  const page = await listTenantsForAdmin({ db: getDb(), principal, query });
  return (
    <DataTable<TTenantListItem>
      caption="Tenants and their communities"
      basePath="/admin/tenants"
      query={query}
      page={page}
      rows={page.items}
      rowKey={(t) => t.id}
      rowTestId="tenant-row"
      stackBelow="lg"
      noun={{ one: 'tenant', other: 'tenants' }}
      searchLabel="Search tenants and communities"
      searchPlaceholder="Search by tenant, community or rpId"
      empty={<EmptyState icon={<TenantsIcon className="h-6 w-6" />} title="No tenants in your scope">A system administrator creates tenants; their communities then appear here.</EmptyState>}
      columns={[
        {
          key: 'tenant',
          header: 'Tenant',
          rowHeader: true,
          className: 'lg:min-w-40',
          cell: (t) => (
            <span className="block text-left">
              <span className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
                {t.name}
                {t.isDefault ? <Badge>Default</Badge> : null}
              </span>
              {t.dnsNames.length > 0 ? <span className="block text-slate-500">{t.dnsNames.join(', ')}</span> : null}
            </span>
          ),
        },
        {
          key: 'communities',
          header: 'Communities',
          className: 'lg:min-w-72',
          cell: (t) =>
            t.communities.length === 0 ? (
              <span className="text-slate-500">No communities yet</span>
            ) : (
              <ul className="space-y-1.5">
                {t.communities.map((c) => (
                  <li key={c.id}>
                    <Link href={`/admin/communities/${c.id}`} className="font-medium text-brand-700 underline-offset-4 hover:underline" data-testid="community-link">
                      {c.name}
                    </Link>
                    {c.isDefault ? <Badge className="ml-2">Default</Badge> : null}
                    <span className="block text-sm text-slate-500">
                      <span className="font-mono">{c.rpId}</span> · {plural(c.userCount, 'user', 'users')} · {plural(c.applicationCount, 'application', 'applications')}
                    </span>
                  </li>
                ))}
              </ul>
            ),
        },
        {
          key: 'actions',
          header: 'Actions',
          srOnlyHeader: true,
          align: 'right',
          className: 'lg:w-px',
          cell: (t) =>
            t.canRename || t.canAddCommunity ? (
              <div className="flex flex-wrap gap-2 lg:flex-nowrap lg:justify-end">
                {t.canAddCommunity ? <AddCommunityButton tenant={t} /> : null}
                {t.canRename ? <RenameTenantButton tenant={t} /> : null}
              </div>
            ) : null,
        },
      ]}
    />
  );
}
