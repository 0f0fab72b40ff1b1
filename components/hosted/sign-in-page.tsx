import { SignInForm } from '@/components/passkey/sign-in-form';
import { HostedShell } from './hosted-shell';
import { redirect } from 'next/navigation';
import { loadHostedCommunity, loadHostedSession } from './load-hosted-page';

/** The sign-in page of a community (`/login`, `/c/{communityId}/login`). */
export async function SignInPage({ communityId }: { communityId?: string }) {
  const community = await loadHostedCommunity(communityId);
  // Already signed in to this community: nothing to do here.
  if (await loadHostedSession(community.id)) redirect(community.paths.account);
  const { branding } = community;
  return (
    <HostedShell branding={branding} title="Sign in" subtitle={<>to continue to {branding.displayName}</>}>
      <SignInForm apiBase={community.paths.api} rpId={community.rpId} siteName={branding.displayName} afterSignInPath={community.paths.account} registerPath={community.paths.register} />
    </HostedShell>
  );
}
