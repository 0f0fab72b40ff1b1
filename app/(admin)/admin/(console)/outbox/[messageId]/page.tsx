import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/admin/page-header';
import { ChevronIcon } from '@/components/admin/icons';
import { DateTime } from '@/components/admin/activity/date-time';
import { CodeBlock, DetailCard, DetailItem } from '@/components/admin/activity/detail-list';
import { CHANNEL_LABEL, MessageStatusBadge } from '@/components/admin/activity/status-badges';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { getOutboxMessage } from '@/lib/messaging/get-outbox-message';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Message' };
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ messageId: string }> };

/** One message with its body, a code that may still work masked (read-only); outside the scope "not found". */
export default async function OutboxMessagePage({ params }: TProps) {
  const { messageId } = await params;
  const { principal } = await requireAdminPage(`/admin/outbox/${encodeURIComponent(messageId)}`);
  const message = await getOutboxMessage({ db: getDb(), principal, messageId, otpTtlSeconds: getConfig().otp.ttlSeconds }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'messaging.message_not_found') notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/outbox" className="inline-flex items-center gap-1 text-brand-700 underline-offset-4 hover:underline">
            <ChevronIcon direction="left" className="h-4 w-4" />
            OTP outbox
          </Link>
        }
        title={message.subject ?? `${CHANNEL_LABEL[message.channel]} to ${message.to}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <MessageStatusBadge status={message.status} />
            <span>{message.community.name}</span>
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <DetailCard id="message-heading" title="Message">
          <DetailItem label="Channel">{CHANNEL_LABEL[message.channel]}</DetailItem>
          <DetailItem label="To">{message.to}</DetailItem>
          <DetailItem label="Created">
            <DateTime iso={message.createdAt} seconds />
          </DetailItem>
          {message.error ? <DetailItem label="Delivery error">{message.error}</DetailItem> : null}
          <DetailItem label="Message id" mono>
            {message.id}
          </DetailItem>
        </DetailCard>
        <section aria-labelledby="body-heading" className="min-w-0 space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2">
          <h2 id="body-heading" className="text-base font-semibold text-slate-900">
            Body
          </h2>
          {message.codeMasked && message.codeHiddenUntil ? (
            <Alert tone="info" title="The code is masked">
              It may still work, so it is hidden until it expires (<DateTime iso={message.codeHiddenUntil} />
              ). The user received it in full.
            </Alert>
          ) : null}
          <CodeBlock label="Text as stored" value={message.body} />
        </section>
      </div>
    </>
  );
}
