import { SignUpPage } from '@/components/hosted/sign-up-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community (and session) from the database on every request.
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ communityId: string }> };

/** Create your account of any community. */
export const generateMetadata = async ({ params }: TProps) => hostedMetadata('Create your account', (await params).communityId);

export default async function Page({ params }: TProps) {
  const { communityId } = await params;
  return <SignUpPage communityId={communityId} />;
}
