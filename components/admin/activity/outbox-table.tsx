import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/lib/db';
import type { TAdminPrincipal } from '@/lib/admin/principal';
import type { TAdminOutboxQuery, TAdminOutboxRowDto } from '@/lib/messaging/admin-outbox';
import { listOutboxInScope } from '@/lib/messaging/list-outbox-in-scope';
import { DataTable } from '../data-table';
import { InboxIcon } from '../icons';
import { filteredPath } from './community-options';
import { DateTime } from './date-time';
import { CHANNEL_LABEL, MessageStatusBadge } from './status-badges';

/** The OTP outbox list (server component: queried with the caller's scope). */
export async function OutboxTable({ principal, query }: { principal: TAdminPrincipal; query: TAdminOutboxQuery }) {
  const page = await listOutboxInScope({ db: getDb(), principal, query });
  const filtered = Boolean(query.communityId || query.channel || query.status);
  return (
    <DataTable<TAdminOutboxRowDto>
      caption="Messages"
      basePath={filteredPath('/admin/outbox', { communityId: query.communityId, channel: query.channel, status: query.status })}
      query={query}
      page={page}
      rows={page.items}
      rowKey={(m) => m.id}
      rowTestId="message-row"
      stackBelow="lg"
      noun={{ one: 'message', other: 'messages' }}
      searchLabel="Search messages"
      searchPlaceholder="Search by recipient or subject"
      empty={
        <EmptyState icon={<InboxIcon className="h-6 w-6" />} title={filtered ? 'No messages match these filters' : 'No messages yet'}>
          {filtered ? 'Choose other filters above.' : 'Emails and text messages with one-time codes appear here once users ask for a code.'}
        </EmptyState>
      }
      columns={[
        {
          key: 'to',
          header: 'Recipient',
          rowHeader: true,
          cell: (m) => (
            <span className="block text-left">
              <Link href={`/admin/outbox/${encodeURIComponent(m.id)}`} className="font-semibold break-all text-brand-700 underline-offset-4 hover:underline">
                {m.to}
                <span className="sr-only">, {CHANNEL_LABEL[m.channel]} of {m.createdAt}</span>
              </Link>
              {m.subject ? <span className="block text-sm text-slate-500">{m.subject}</span> : null}
            </span>
          ),
        },
        { key: 'channel', header: 'Channel', cell: (m) => CHANNEL_LABEL[m.channel] },
        { key: 'community', header: 'Community', cell: (m) => <span className="text-slate-700">{m.community.name}</span> },
        {
          key: 'status',
          header: 'Status',
          className: 'lg:max-w-56',
          cell: (m) => (
            <span>
              <MessageStatusBadge status={m.status} />
              {m.error ? <span className="mt-1 block text-sm break-words text-red-700">{m.error}</span> : null}
            </span>
          ),
        },
        { key: 'created', header: 'Created', cell: (m) => <DateTime iso={m.createdAt} /> },
      ]}
    />
  );
}
