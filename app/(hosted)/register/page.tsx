import { SignUpPage } from '@/components/hosted/sign-up-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community (and session) from the database on every request.
export const dynamic = 'force-dynamic';

/** Create your account of the default community. */
export const generateMetadata = () => hostedMetadata('Create your account', undefined);

export default function Page() {
  return <SignUpPage />;
}
