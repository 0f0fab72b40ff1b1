import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { PageHeader } from '@/components/admin/page-header';
import { CommunityFilter } from '@/components/admin/users/community-filter';
import { UsersTable } from '@/components/admin/users/users-table';
import { getDb } from '@/lib/db';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { userListQueryFromSearchParams } from '@/lib/users/admin-user-schema';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** End users of the communities in the caller's scope: search, filter by community, open one. */
export default async function UsersPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/users');
  const params = await searchParams;
  const query = listQueryFromSearchParams(params);
  const scope = await listScopeOptions({ db: getDb(), principal });
  const communities = scope.tenants.flatMap((t) => t.communities);
  // A community out of scope (or unknown) in the URL is ignored, like any other bad parameter of a page.
  const wanted = userListQueryFromSearchParams(params, query).communityId;
  const communityId = communities.some((c) => c.id === wanted) ? wanted : undefined;
  return (
    <>
      <PageHeader title="Users" description="People who sign in to your communities with passkeys. Open a user to see their passkeys, devices and recent activity, or to disable or delete the account." />
      {communities.length > 1 ? (
        <div className="mb-4">
          <CommunityFilter scope={scope} communityId={communityId} q={query.q} />
        </div>
      ) : null}
      <Suspense key={`${communityId}|${query.q}|${query.page}|${query.pageSize}`} fallback={<DataTableSkeleton columns={5} label="Loading users…" />}>
        <UsersTable principal={principal} query={query} communityId={communityId} showCommunity={communities.length > 1 && !communityId} />
      </Suspense>
    </>
  );
}
