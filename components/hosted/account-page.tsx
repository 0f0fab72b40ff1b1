import { PasskeyManager } from '@/components/passkey/passkey-manager';
import { SignOutButton } from '@/components/passkey/sign-out-button';
import { HostedShell } from './hosted-shell';
import { loadSignedInPage } from './load-hosted-page';

/** The account page of a community (`/account`, `/c/{communityId}/account`); sign-in required. */
export async function AccountPage({ communityId }: { communityId?: string }) {
  const { community, user } = await loadSignedInPage(communityId);
  const { branding } = community;
  const apiBase = community.paths.api;
  return (
    <HostedShell
      branding={branding}
      width="wide"
      title="Your account"
      subtitle={
        <>
          <p>
            Signed in as <strong className="font-semibold text-slate-900">{user.displayName}</strong>
          </p>
          <p className="text-sm break-all text-slate-500">Username: {user.username}</p>
        </>
      }
      headerAside={<SignOutButton apiBase={apiBase} loginPath={community.paths.login} rpId={community.rpId} siteName={branding.displayName} />}
    >
      <PasskeyManager apiBase={apiBase} rpId={community.rpId} siteName={branding.displayName} loginPath={community.paths.login} />
    </HostedShell>
  );
}
