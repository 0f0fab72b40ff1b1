import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import type { TAdminTransactionQuery, TAdminTransactionRowDto } from '@/lib/transactions/admin-transactions';
import { listTransactionsInScope } from '@/lib/transactions/list-transactions-in-scope';
import { DataTable } from '../data-table';
import { TransactionsIcon } from '../icons';
import { filteredPath } from './community-options';
import { DateTime } from './date-time';
import { TransactionStatusBadge } from './status-badges';

/** The transaction confirmations list (server component: queried with the caller's scope). */
export async function TransactionsTable({ principal, query }: { principal: TAdminPrincipal; query: TAdminTransactionQuery }) {
  const page = await listTransactionsInScope({ db: getDb(), principal, query });
  const filtered = Boolean(query.communityId || query.status);
  return (
    <DataTable<TAdminTransactionRowDto>
      caption="Transaction confirmations"
      basePath={filteredPath('/admin/transactions', { communityId: query.communityId, status: query.status })}
      query={query}
      page={page}
      rows={page.items}
      rowKey={(t) => t.id}
      rowTestId="transaction-row"
      stackBelow="lg"
      noun={{ one: 'transaction', other: 'transactions' }}
      searchLabel="Search transactions"
      searchPlaceholder="Search by username or type"
      empty={
        <EmptyState icon={<TransactionsIcon className="h-6 w-6" />} title={filtered ? 'No transactions match these filters' : 'No transactions yet'}>
          {filtered ? 'Choose other filters above.' : 'Transactions appear here when an application asks a user to confirm one with a passkey.'}
        </EmptyState>
      }
      columns={[
        {
          key: 'type',
          header: 'Transaction',
          rowHeader: true,
          cell: (t) => (
            <span className="block text-left">
              <Link href={`/admin/transactions/${encodeURIComponent(t.id)}`} className="font-semibold text-brand-700 underline-offset-4 hover:underline">
                {t.txType}
                <span className="sr-only">, transaction of {t.user.username ?? 'a deleted user'} at {t.createdAt}</span>
              </Link>
              <span className="block text-sm text-slate-500">{t.application.name}</span>
            </span>
          ),
        },
        { key: 'user', header: 'User', cell: (t) => (t.user.username ? <span className="break-all text-slate-800">{t.user.username}</span> : <span className="text-slate-500 italic">Deleted user</span>) },
        { key: 'community', header: 'Community', cell: (t) => <span className="text-slate-700">{t.community.name}</span> },
        { key: 'status', header: 'Status', cell: (t) => <TransactionStatusBadge status={t.status} /> },
        { key: 'created', header: 'Started', cell: (t) => <DateTime iso={t.createdAt} /> },
        { key: 'completed', header: 'Answered', cell: (t) => <DateTime iso={t.completedAt} fallback="—" /> },
      ]}
    />
  );
}
