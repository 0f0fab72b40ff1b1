import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TAdminDto } from '@/lib/admin/admin-dto';
import { listAdmins } from '@/lib/admin/list-admins';
import type { TListQuery } from '@/lib/admin/list-query';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import { DataTable } from '../data-table';
import { ShieldIcon } from '../icons';
import { RoleBadge } from '../role-badge';
import { AdminRowActions } from './admin-row-actions';

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' });

/** "Nov 30, 2026, 3:48 PM UTC", breaking only between the date and the time. */
function LastSignIn({ iso }: { iso: string }) {
  const d = new Date(iso);
  return (
    <time dateTime={iso}>
      <span className="whitespace-nowrap">{DATE.format(d)},</span> <span className="whitespace-nowrap">{TIME.format(d)} UTC</span>
    </time>
  );
}

function scopeOf(a: TAdminDto): string {
  if (a.role === 'system') return 'All tenants';
  if (a.role === 'tenant') return a.tenant?.name ?? '—';
  return a.communities.map((c) => c.name).join(', ');
}

/** The administrators list (server component: queried with the caller's scope). */
export async function AdminsTable({ principal, query, scope }: { principal: TAdminPrincipal; query: TListQuery; scope: TScopeOptions }) {
  const page = await listAdmins({ db: getDb(), principal, query });
  return (
    <DataTable<TAdminDto>
      caption="Administrators"
      basePath="/admin/admins"
      query={query}
      page={page}
      rows={page.items}
      rowKey={(a) => a.id}
      rowTestId="admin-row"
      stackBelow="xl"
      noun={{ one: 'administrator', other: 'administrators' }}
      searchLabel="Search administrators"
      searchPlaceholder="Search by name or username"
      empty={<EmptyState icon={<ShieldIcon className="h-6 w-6" />} title="No administrators in your scope yet">Invite one: they get a one-time link to create their passkey.</EmptyState>}
      columns={[
        {
          key: 'name',
          header: 'Administrator',
          rowHeader: true,
          className: 'xl:min-w-44',
          cell: (a) => (
            <span className="block text-left">
              <span className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
                {a.displayName}
                {a.isYou ? <Badge tone="brand">You</Badge> : null}
              </span>
              <span className="block text-slate-500">{a.username}</span>
            </span>
          ),
        },
        { key: 'role', header: 'Role', cell: (a) => <RoleBadge role={a.role} /> },
        { key: 'scope', header: 'Manages', cell: (a) => <span className="text-slate-700">{scopeOf(a)}</span>, className: 'xl:max-w-56' },
        { key: 'passkeys', header: 'Passkeys', cell: (a) => String(a.passkeyCount) },
        {
          key: 'last',
          header: 'Last sign-in',
          cell: (a) => (a.lastSignInAt ? <LastSignIn iso={a.lastSignInAt} /> : <span className="text-slate-500">Never</span>),
        },
        { key: 'actions', header: 'Actions', srOnlyHeader: true, align: 'right', className: 'xl:w-px', cell: (a) => <AdminRowActions admin={a} scope={scope} myRole={principal.role} /> },
      ]}
    />
  );
}
