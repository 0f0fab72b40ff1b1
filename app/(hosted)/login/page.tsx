import { SignInPage } from '@/components/hosted/sign-in-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community (and session) from the database on every request.
export const dynamic = 'force-dynamic';

/** Sign in of the default community. */
export const generateMetadata = () => hostedMetadata('Sign in', undefined);

export default function Page() {
  return <SignInPage />;
}
