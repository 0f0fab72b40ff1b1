import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { MetadataNav } from '@/components/admin/metadata/metadata-nav';
import { communityChoices } from '@/components/admin/metadata/community-choices';
import { NewRecordButton } from '@/components/admin/metadata/new-record-button';
import { RecordFilters } from '@/components/admin/metadata/record-filters';
import { RecordsTable, type TRecordFilters } from '@/components/admin/metadata/records-table';
import { getDb } from '@/lib/db';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Authenticator metadata' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Vendor metadata records: list, search, filter, create, edit, disable / enable. */
export default async function MetadataPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/metadata');
  const params = await searchParams;
  const query = listQueryFromSearchParams(params);
  const communities = communityChoices(await listScopeOptions({ db: getDb(), principal }));
  const community = first(params.community);
  const status = first(params.status);
  const filters: TRecordFilters = {
    ...(community && (community === 'global' || communities.some((c) => c.id === community)) ? { community } : {}),
    ...(status === 'enabled' || status === 'disabled' ? { status } : {}),
  };
  return (
    <>
      <PageHeader
        title="Authenticator metadata"
        description="Names and icons of authenticator models by AAGUID, and which models each community accepts."
        actions={<NewRecordButton communities={communities} canCreateGlobal={principal.role === 'system'} />}
      />
      <MetadataNav current="/admin/metadata" role={principal.role} />
      <RecordFilters communities={communities} community={filters.community} status={filters.status} q={query.q} />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}|${filters.community}|${filters.status}`} fallback={<DataTableSkeleton label="Loading records…" />}>
        <RecordsTable principal={principal} query={query} filters={filters} />
      </Suspense>
    </>
  );
}
