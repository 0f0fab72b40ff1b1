import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { CreateLicenseButton } from '@/components/admin/licenses/create-license-button';
import { LicensesTable } from '@/components/admin/licenses/licenses-table';
import { LicensesTabs } from '@/components/admin/licenses/licenses-tabs';
import { getDb } from '@/lib/db';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Licenses' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Licenses of the /webauthn and /authn APIs within the caller's scope: create (key shown once), revoke. */
export default async function LicensesPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/licenses');
  const query = listQueryFromSearchParams(await searchParams);
  const scope = await listScopeOptions({ db: getDb(), principal });
  return (
    <>
      <PageHeader title="Licenses & API keys" description="Keys your back ends and web pages use to call the Latchkey APIs. A key is shown once, when it is created; only its prefix is kept in clear." actions={<CreateLicenseButton scope={scope} myRole={principal.role} />} />
      <LicensesTabs current="/admin/licenses" />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}`} fallback={<DataTableSkeleton label="Loading licenses…" />}>
        <LicensesTable principal={principal} query={query} />
      </Suspense>
    </>
  );
}
