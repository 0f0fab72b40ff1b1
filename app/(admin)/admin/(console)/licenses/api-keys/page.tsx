import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { ApiKeysTable } from '@/components/admin/licenses/api-keys-table';
import { CreateApiKeyButton } from '@/components/admin/licenses/create-api-key-button';
import { LicensesTabs } from '@/components/admin/licenses/licenses-tabs';
import { getDb } from '@/lib/db';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'API keys' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** API keys (spec 001) of the communities the caller administers: create (key shown once), revoke. */
export default async function ApiKeysPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/licenses/api-keys');
  const query = listQueryFromSearchParams(await searchParams);
  const scope = await listScopeOptions({ db: getDb(), principal });
  return (
    <>
      <PageHeader title="Licenses & API keys" description="Keys your back ends and web pages use to call the Latchkey APIs. A key is shown once, when it is created; only its prefix is kept in clear." actions={<CreateApiKeyButton scope={scope} />} />
      <LicensesTabs current="/admin/licenses/api-keys" />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}`} fallback={<DataTableSkeleton label="Loading API keys…" />}>
        <ApiKeysTable principal={principal} query={query} />
      </Suspense>
    </>
  );
}
