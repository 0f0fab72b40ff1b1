import { TransactionPage } from '@/components/hosted/transaction-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community from the database on every request; the transaction is fetched by the page.
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ communityId: string; txId: string }> };

/** Transaction confirmation of any community (FIDO2 API 2.0 tx/init → confirmationUrl). */
export const generateMetadata = async ({ params }: TProps) => hostedMetadata('Confirm a request', (await params).communityId);

export default async function Page({ params }: TProps) {
  const { communityId, txId } = await params;
  return <TransactionPage communityId={communityId} txId={txId} />;
}
