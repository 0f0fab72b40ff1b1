import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TListQuery } from '@/lib/admin/list-query';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import type { TUserListItemDto } from '@/lib/users/admin-user-dto';
import { listUsers } from '@/lib/users/list-users';
import { DataTable } from '../data-table';
import { UsersIcon } from '../icons';
import { DateOnly } from './format';
import { UserStatusBadge } from './user-status-badge';

/** The users list (server component: queried with the caller's scope and the community filter). */
export async function UsersTable({ principal, query, communityId, showCommunity }: { principal: TAdminPrincipal; query: TListQuery; communityId?: string; showCommunity: boolean }) {
  const page = await listUsers({ db: getDb(), principal, query: { ...query, communityId } });
  const basePath = communityId ? `/admin/users?communityId=${encodeURIComponent(communityId)}` : '/admin/users';
  return (
    <DataTable<TUserListItemDto>
      caption="Users"
      basePath={basePath}
      query={query}
      page={page}
      rows={page.items}
      rowKey={(u) => u.id}
      rowTestId="user-row"
      stackBelow="lg"
      noun={{ one: 'user', other: 'users' }}
      searchLabel="Search users"
      searchPlaceholder="Search by username, name or email"
      empty={
        <EmptyState icon={<UsersIcon className="h-6 w-6" />} title={communityId ? 'No users in this community yet' : 'No users in your communities yet'}>
          Users appear here once they sign up with a passkey on a community&apos;s hosted pages or through the APIs.
        </EmptyState>
      }
      columns={[
        {
          key: 'name',
          header: 'User',
          rowHeader: true,
          className: 'lg:min-w-48',
          cell: (u) => (
            <span className="block text-left">
              <Link href={`/admin/users/${encodeURIComponent(u.id)}`} className="font-semibold break-all text-brand-700 underline-offset-4 hover:underline">
                {u.username}
              </Link>
              <span className="block text-slate-600">{u.displayName}</span>
            </span>
          ),
        },
        {
          key: 'email',
          header: 'Email',
          className: 'lg:max-w-64',
          cell: (u) =>
            u.email ? (
              <span className="break-all text-slate-700">
                {u.email}
                {u.emailVerified ? null : <span className="text-slate-500"> (not verified)</span>}
              </span>
            ) : (
              <span className="text-slate-500">None</span>
            ),
        },
        ...(showCommunity ? [{ key: 'community', header: 'Community', cell: (u: TUserListItemDto) => <span className="text-slate-700">{u.community.name}</span> }] : []),
        { key: 'status', header: 'Status', cell: (u) => <UserStatusBadge status={u.status} /> },
        { key: 'passkeys', header: 'Passkeys', cell: (u) => String(u.passkeyCount) },
        { key: 'created', header: 'Created', cell: (u) => <DateOnly iso={u.createdAt} /> },
      ]}
    />
  );
}
