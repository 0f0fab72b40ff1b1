import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { communityOptions } from '@/components/admin/activity/community-options';
import { ListFilters } from '@/components/admin/activity/list-filters';
import { OutboxTable } from '@/components/admin/activity/outbox-table';
import { getDb } from '@/lib/db';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { adminOutboxQueryFromSearchParams } from '@/lib/messaging/admin-outbox';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'OTP outbox' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Messages with one-time codes sent (or kept) for the communities the caller administers (read-only). */
export default async function OutboxPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/outbox');
  const query = adminOutboxQueryFromSearchParams(await searchParams);
  const scope = await listScopeOptions({ db: getDb(), principal });
  return (
    <>
      <PageHeader title="OTP outbox" description="Emails and text messages with one-time codes, and whether they were delivered. Codes that may still work are masked." />
      <ListFilters
        label="Filter messages"
        filters={[
          { name: 'communityId', label: 'Community', value: query.communityId ?? '', allLabel: 'All communities', options: communityOptions(scope) },
          { name: 'channel', label: 'Channel', value: query.channel ?? '', allLabel: 'Email and SMS', options: [{ value: 'email', label: 'Email' }, { value: 'sms', label: 'SMS' }] },
          {
            name: 'status',
            label: 'Status',
            value: query.status ?? '',
            allLabel: 'Any status',
            options: [
              { value: 'sent', label: 'Sent' },
              { value: 'failed', label: 'Failed' },
              { value: 'outbox', label: 'Kept (outbox)' },
            ],
          },
        ]}
      />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}|${query.communityId}|${query.channel}|${query.status}`} fallback={<DataTableSkeleton label="Loading messages…" />}>
        <OutboxTable principal={principal} query={query} />
      </Suspense>
    </>
  );
}
