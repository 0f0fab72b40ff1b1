import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageHeader } from '@/components/admin/page-header';
import { DataTableSkeleton } from '@/components/admin/data-table';
import { InviteAdminButton } from '@/components/admin/admins/invite-admin-button';
import { PendingInvitations } from '@/components/admin/admins/pending-invitations';
import { AdminsTable } from '@/components/admin/admins/admins-table';
import { getDb } from '@/lib/db';
import { listInvitations } from '@/lib/admin/list-invitations';
import { listQueryFromSearchParams } from '@/lib/admin/list-query';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Admins' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Administrators within the caller's scope: invite, change role, remove; pending invitations. */
export default async function AdminsPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/admins');
  const query = listQueryFromSearchParams(await searchParams);
  const db = getDb();
  const [scope, invitations] = await Promise.all([listScopeOptions({ db, principal }), listInvitations({ db, principal })]);
  return (
    <>
      <PageHeader title="Administrators" description="People who can sign in to this console, and what each of them manages." actions={<InviteAdminButton scope={scope} myRole={principal.role} />} />
      <PendingInvitations invitations={invitations} />
      <Suspense key={`${query.q}|${query.page}|${query.pageSize}`} fallback={<DataTableSkeleton label="Loading administrators…" />}>
        <AdminsTable principal={principal} query={query} scope={scope} />
      </Suspense>
    </>
  );
}
