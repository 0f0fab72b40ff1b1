import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { communityOptions } from '@/components/admin/activity/community-options';
import { ListFilters } from '@/components/admin/activity/list-filters';
import { TransactionsTable } from '@/components/admin/activity/transactions-table';
import { getDb } from '@/lib/db';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { adminTransactionQueryFromSearchParams } from '@/lib/transactions/admin-transactions';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Transactions' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Transaction confirmations of the communities the caller administers (read-only), filtered and searched. */
export default async function TransactionsPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/transactions');
  const query = adminTransactionQueryFromSearchParams(await searchParams);
  const scope = await listScopeOptions({ db: getDb(), principal });
  return (
    <>
      <PageHeader title="Transactions" description="Payments, contracts and other transactions users confirmed (or refused) with a passkey, with the signed evidence of each." />
      <ListFilters
        label="Filter transactions"
        filters={[
          { name: 'communityId', label: 'Community', value: query.communityId ?? '', allLabel: 'All communities', options: communityOptions(scope) },
          {
            name: 'status',
            label: 'Status',
            value: query.status ?? '',
            allLabel: 'Any status',
            options: [
              { value: 'pending', label: 'Pending' },
              { value: 'confirmed', label: 'Confirmed' },
              { value: 'failed', label: 'Failed' },
              { value: 'expired', label: 'Expired' },
            ],
          },
        ]}
      />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}|${query.communityId}|${query.status}`} fallback={<DataTableSkeleton label="Loading transactions…" />}>
        <TransactionsTable principal={principal} query={query} />
      </Suspense>
    </>
  );
}
