import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { ApplicationsTable } from '@/components/admin/applications/applications-table';
import { NewApplicationButton } from '@/components/admin/applications/new-application-button';
import { getDb } from '@/lib/db';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Applications' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Applications of the FIDO2 API 2.0 in the caller's communities: list, create, open one. */
export default async function ApplicationsPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/applications');
  const query = listQueryFromSearchParams(await searchParams);
  const scope = await listScopeOptions({ db: getDb(), principal });
  return (
    <>
      <PageHeader title="Applications" description="Sites and apps that use the FIDO2 API 2.0: their origins, sign-up, token lifetime and API keys." actions={<NewApplicationButton scope={scope} />} />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}`} fallback={<DataTableSkeleton label="Loading applications…" />}>
        <ApplicationsTable principal={principal} query={query} />
      </Suspense>
    </>
  );
}
