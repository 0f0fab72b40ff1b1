import { AccountPage } from '@/components/hosted/account-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community (and session) from the database on every request.
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ communityId: string }> };

/** Your account of any community. */
export const generateMetadata = async ({ params }: TProps) => hostedMetadata('Your account', (await params).communityId);

export default async function Page({ params }: TProps) {
  const { communityId } = await params;
  return <AccountPage communityId={communityId} />;
}
