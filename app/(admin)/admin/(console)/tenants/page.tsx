import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { NewTenantButton } from '@/components/admin/tenancy/tenant-actions';
import { TenantsTable } from '@/components/admin/tenancy/tenants-table';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Tenants & communities' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Tenants with their communities: create and rename tenants (system admins), add communities, open a community's settings. */
export default async function TenantsPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/tenants');
  const query = listQueryFromSearchParams(await searchParams);
  return (
    <>
      <PageHeader
        title="Tenants & communities"
        description="Each community is a realm with its own users, relying-party settings and branding. Open one to change its settings."
        actions={principal.role === 'system' ? <NewTenantButton /> : undefined}
      />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}`} fallback={<DataTableSkeleton label="Loading tenants…" />}>
        <TenantsTable principal={principal} query={query} />
      </Suspense>
    </>
  );
}
