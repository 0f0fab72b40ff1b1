import type { Metadata } from 'next';
import { PageHeader } from '@/components/admin/page-header';
import { RoleBadge } from '@/components/admin/role-badge';
import { PasskeyManager } from '@/components/passkey/passkey-manager';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { describeGrant, grantOf } from '@/lib/admin/describe-scope';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'My account' };
export const dynamic = 'force-dynamic';

const DATE_TIME = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The signed-in administrator: profile, this session, and their passkeys (add, rename, delete but not the last). */
export default async function AccountPage() {
  const session = await requireAdminPage('/admin/account');
  const scope = await describeGrant({ db: getDb(), grant: grantOf(session.principal) });
  return (
    <>
      <PageHeader title="My account" description="Your administrator profile and the passkeys you sign in with." />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <section aria-labelledby="profile-heading" className="h-fit rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="profile-heading" className="text-base font-semibold text-slate-900">
            Profile
          </h2>
          <dl className="mt-3 space-y-3 text-sm">
            <div>
              <dt className="text-slate-500">Name</dt>
              <dd className="font-medium text-slate-900">{session.admin.displayName}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Username</dt>
              <dd className="font-medium break-all text-slate-900">{session.admin.username}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Role</dt>
              <dd className="mt-0.5 flex flex-wrap items-center gap-2">
                <RoleBadge role={session.principal.role} />
                <span className="text-slate-900">{scope.summary}</span>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">This session</dt>
              <dd className="text-slate-900">
                Signed in {DATE_TIME.format(session.authTime)} UTC; ends by {DATE_TIME.format(session.absoluteExpiresAt)} UTC, or after 30 minutes without activity.
              </dd>
            </div>
          </dl>
        </section>
        <section aria-label="Passkeys" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <PasskeyManager apiBase="/admin/api/account" rpId={getConfig().rpId} siteName="the admin console" loginPath="/admin/sign-in" keepLast />
        </section>
      </div>
    </>
  );
}
