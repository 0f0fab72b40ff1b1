import { SignInPage } from '@/components/hosted/sign-in-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community (and session) from the database on every request.
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ communityId: string }> };

/** Sign in of any community. */
export const generateMetadata = async ({ params }: TProps) => hostedMetadata('Sign in', (await params).communityId);

export default async function Page({ params }: TProps) {
  const { communityId } = await params;
  return <SignInPage communityId={communityId} />;
}
