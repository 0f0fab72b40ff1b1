import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { ChevronIcon } from '@/components/admin/icons';
import { DateTime } from '@/components/admin/activity/date-time';
import { CodeBlock, DetailCard, DetailItem, prettyJson } from '@/components/admin/activity/detail-list';
import { TransactionStatusBadge } from '@/components/admin/activity/status-badges';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { getTransactionEvidence } from '@/lib/transactions/get-transaction-evidence';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Transaction' };
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ transactionId: string }> };

/** One transaction confirmation with its evidence (read-only); outside the caller's scope it is "not found". */
export default async function TransactionPage({ params }: TProps) {
  const { transactionId } = await params;
  const { principal } = await requireAdminPage(`/admin/transactions/${encodeURIComponent(transactionId)}`);
  const tx = await getTransactionEvidence({ db: getDb(), principal, transactionId }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'transactions.not_found') notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/transactions" className="inline-flex items-center gap-1 text-brand-700 underline-offset-4 hover:underline">
            <ChevronIcon direction="left" className="h-4 w-4" />
            Transactions
          </Link>
        }
        title={`Transaction: ${tx.txType}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <TransactionStatusBadge status={tx.status} />
            <span>
              {tx.application.name} · {tx.community.name}
            </span>
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <DetailCard id="who-heading" title="Who and when">
          <DetailItem label="User">{tx.user ? `${tx.user.displayName} (${tx.user.username})` : <span className="text-slate-500 italic">Deleted user ({tx.userId})</span>}</DetailItem>
          <DetailItem label="Passkey">{tx.passkey ? tx.passkey.name : tx.passkeyId ? <span className="text-slate-500 italic">Deleted passkey</span> : <span className="text-slate-500">None yet</span>}</DetailItem>
          {tx.passkey ? (
            <>
              <DetailItem label="Credential id" mono>
                {tx.passkey.credentialId}
              </DetailItem>
              <DetailItem label="Authenticator (AAGUID)" mono>
                {tx.passkey.aaguid}
              </DetailItem>
            </>
          ) : null}
          <DetailItem label="Started">
            <DateTime iso={tx.createdAt} seconds />
          </DetailItem>
          <DetailItem label="Expires">
            <DateTime iso={tx.expiresAt} fallback="—" seconds />
          </DetailItem>
          <DetailItem label="Answered">
            <DateTime iso={tx.completedAt} fallback="Not yet" seconds />
          </DetailItem>
          <DetailItem label="Transaction id" mono>
            {tx.id}
          </DetailItem>
        </DetailCard>
        <section aria-labelledby="evidence-heading" className="min-w-0 space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm lg:col-span-2">
          <div>
            <h2 id="evidence-heading" className="text-base font-semibold text-slate-900">
              Evidence
            </h2>
            <p className="mt-1 text-sm text-slate-600">
              The passkey signed the txHash: base64url(SHA-256(payload + nonce + lNonce)). With the payload, both nonces and the assertion below, anyone can check that the user confirmed exactly this payload.
            </p>
          </div>
          <CodeBlock label="Payload (txPayload), exactly as signed" value={tx.txPayload} />
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <DetailItem label="nonce (client)" mono>
              {tx.nonce}
            </DetailItem>
            <DetailItem label="lNonce (server)" mono>
              {tx.lNonce}
            </DetailItem>
            <DetailItem label="txHash (challenge)" mono>
              {tx.txHash}
            </DetailItem>
          </dl>
          <CodeBlock label="Assertion, as received" value={Object.keys(tx.assertion).length ? prettyJson(tx.assertion) : 'None yet.'} />
          <CodeBlock label="Verification result" value={Object.keys(tx.result).length ? prettyJson(tx.result) : 'None yet.'} />
        </section>
      </div>
    </>
  );
}
