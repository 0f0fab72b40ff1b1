import { SignUpForm } from '@/components/passkey/sign-up-form';
import { HostedShell } from './hosted-shell';
import { redirect } from 'next/navigation';
import { loadHostedCommunity, loadHostedSession } from './load-hosted-page';

/** The sign-up page of a community (`/register`, `/c/{communityId}/register`). */
export async function SignUpPage({ communityId }: { communityId?: string }) {
  const community = await loadHostedCommunity(communityId);
  // Already signed in: more passkeys are added from the account page.
  if (await loadHostedSession(community.id)) redirect(community.paths.account);
  const { branding } = community;
  return (
    <HostedShell branding={branding} title="Create your account" subtitle={<>for {branding.displayName}, with a passkey instead of a password</>}>
      <SignUpForm apiBase={community.paths.api} rpId={community.rpId} siteName={branding.displayName} afterSignUpPath={community.paths.account} loginPath={community.paths.login} />
    </HostedShell>
  );
}
