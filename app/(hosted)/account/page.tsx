import { AccountPage } from '@/components/hosted/account-page';
import { hostedMetadata } from '@/components/hosted/load-hosted-page';

// Reads the community (and session) from the database on every request.
export const dynamic = 'force-dynamic';

/** Your account of the default community. */
export const generateMetadata = () => hostedMetadata('Your account', undefined);

export default function Page() {
  return <AccountPage />;
}
