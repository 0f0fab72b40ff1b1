import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ChevronIcon } from '@/components/admin/icons';
import { PageHeader } from '@/components/admin/page-header';
import { DateTime } from '@/components/admin/users/format';
import { UserActions } from '@/components/admin/users/user-actions';
import { UserDevices } from '@/components/admin/users/user-devices';
import { UserEvents } from '@/components/admin/users/user-events';
import { UserPasskeys } from '@/components/admin/users/user-passkeys';
import { UserStatusBadge } from '@/components/admin/users/user-status-badge';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getUserOverview } from '@/lib/users/get-user-overview';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'User' };
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ userId: string }> };

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="h-fit rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
        {title}
        {count !== undefined ? <span className="text-sm font-normal text-slate-500">({count})</span> : null}
      </h2>
      {children}
    </section>
  );
}

function Verified({ value, verified }: { value: string | null; verified: boolean }) {
  if (!value) return <span className="text-slate-500">None</span>;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="break-all">{value}</span>
      {verified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Not verified</Badge>}
    </span>
  );
}

/** One end user: profile, passkeys, devices, the last 20 events; disable/enable, delete, revoke a passkey. */
export default async function UserPage({ params }: TProps) {
  const { userId } = await params;
  const { principal } = await requireAdminPage(`/admin/users/${userId}`);
  const view = await getUserOverview({ db: getDb(), principal, userId }).catch((e: unknown) => {
    // Unknown or out of scope: the same "not found" page (existence is not leaked).
    if (e instanceof AppError && e.code === 'users.not_found') notFound();
    throw e;
  });
  const { user } = view;
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/users" className="inline-flex items-center gap-1 text-brand-700 underline-offset-4 hover:underline">
            <ChevronIcon direction="left" />
            Users
          </Link>
        }
        title={user.displayName || user.username}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{user.username}</span>
            <span aria-hidden="true">·</span>
            <span>
              {user.community.name} ({user.community.tenant.name})
            </span>
            <UserStatusBadge status={user.status} />
          </span>
        }
        actions={<UserActions user={{ id: user.id, username: user.username, displayName: user.displayName, status: user.status }} />}
      />
      {user.status === 'disabled' ? (
        <Alert tone="warning" title="This account is disabled" className="mb-6">
          {user.username} can&apos;t sign in and has no live sessions. Enable the account to let them sign in again.
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <div className="grid content-start gap-6">
          <Section id="profile-heading" title="Profile">
            <dl className="space-y-3 text-sm">
              <div>
                <dt className="text-slate-500">Username</dt>
                <dd className="font-medium break-all text-slate-900">{user.username}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Name</dt>
                <dd className="font-medium text-slate-900">{user.displayName}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Email</dt>
                <dd className="text-slate-900">
                  <Verified value={user.email} verified={user.emailVerified} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Phone</dt>
                <dd className="text-slate-900">
                  <Verified value={user.phone} verified={user.phoneVerified} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Status</dt>
                <dd className="mt-0.5">
                  <UserStatusBadge status={user.status} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Created</dt>
                <dd className="text-slate-900">
                  <DateTime iso={user.createdAt} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">User id</dt>
                <dd className="font-mono text-xs break-all text-slate-700">{user.id}</dd>
              </div>
            </dl>
          </Section>
        </div>
        <div className="grid content-start gap-6">
          <Section id="passkeys-heading" title="Passkeys" count={view.passkeys.length}>
            <UserPasskeys userId={user.id} username={user.username} passkeys={view.passkeys} />
          </Section>
          <Section id="devices-heading" title="Devices" count={view.devices.length}>
            <UserDevices devices={view.devices} />
          </Section>
          <Section id="events-heading" title="Recent events">
            <UserEvents userId={user.id} events={view.events} />
          </Section>
        </div>
      </div>
    </>
  );
}
