import { TransactionConfirmation } from '@/components/passkey/transaction-confirmation';
import { HostedShell } from './hosted-shell';
import { loadHostedCommunity } from './load-hosted-page';

/**
 * The transaction confirmation page of a community (`/c/{communityId}/tx/{txId}`), opened with the
 * transaction's session in the fragment (docs/fido2.md). No sign-in: the passkey itself proves
 * who confirms, and only the transaction's user's passkey is accepted.
 */
export async function TransactionPage({ communityId, txId }: { communityId: string; txId: string }) {
  const community = await loadHostedCommunity(communityId);
  const { branding } = community;
  return (
    <HostedShell branding={branding} title="Confirm a request" subtitle={<>Check what you are asked to confirm, then use your passkey for {branding.displayName}.</>}>
      <noscript>
        <p className="rounded-lg border border-amber-300 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">This page needs JavaScript to use your passkey.</p>
      </noscript>
      <TransactionConfirmation apiBase={community.paths.api} rpId={community.rpId} siteName={branding.displayName} txId={txId} />
    </HostedShell>
  );
}
