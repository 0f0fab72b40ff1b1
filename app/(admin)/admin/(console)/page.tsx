import type { Metadata } from 'next';
import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { PageHeader } from '@/components/admin/page-header';
import { RoleBadge } from '@/components/admin/role-badge';
import { ADMIN_NAV } from '@/components/admin/nav';
import { getDb } from '@/lib/db';
import { describeGrant, grantOf } from '@/lib/admin/describe-scope';
import { listOwnPasskeys } from '@/lib/admin/own-passkeys';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Dashboard' };
export const dynamic = 'force-dynamic';

const TIME = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' });

/** The console's start page (the charts come with the dashboard section): who you are, what you manage, where to go. */
export default async function DashboardPage() {
  const session = await requireAdminPage('/admin');
  const db = getDb();
  const [scope, passkeys] = await Promise.all([describeGrant({ db, grant: grantOf(session.principal) }), listOwnPasskeys({ db, principal: session.principal })]);
  const sections = ADMIN_NAV.flatMap((g) => g.items).filter((i) => i.status !== 'coming' && i.href !== '/admin');
  return (
    <>
      <PageHeader title={`Welcome, ${session.admin.displayName}`} description="Run Latchkey from here: tenants and communities, users and their passkeys, keys for your applications, and who may do what." />
      {passkeys.length === 1 ? (
        <Alert tone="warning" title="You have only one passkey" className="mb-6">
          If you lose the device it is on, you can&apos;t sign in to the console any more.{' '}
          <Link href="/admin/account" className="font-semibold underline underline-offset-4">
            Add a second passkey
          </Link>
          .
        </Alert>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="access-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="access-heading" className="text-sm font-semibold text-slate-500">
            Your access
          </h2>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
            <RoleBadge role={session.principal.role} /> {scope.summary}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {session.principal.role === 'system'
              ? 'You can manage every tenant, community and administrator.'
              : session.principal.role === 'tenant'
                ? 'You can manage this tenant, its communities and their administrators.'
                : 'You can manage these communities and their administrators.'}
          </p>
        </section>
        <section aria-labelledby="session-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="session-heading" className="text-sm font-semibold text-slate-500">
            This session
          </h2>
          <p className="mt-2 text-lg font-semibold text-slate-900">Signed in with a passkey at {TIME.format(session.authTime)} UTC</p>
          <p className="mt-1 text-sm text-slate-600">
            You are signed out after 30 minutes without activity, and at {TIME.format(session.absoluteExpiresAt)} UTC at the latest.
          </p>
        </section>
      </div>
      <section aria-labelledby="sections-heading" className="mt-8">
        <h2 id="sections-heading" className="text-base font-semibold text-slate-900">
          Sections
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {sections.map((s) => {
            const Icon = s.icon;
            return (
              <li key={s.href}>
                <Link href={s.href} className="flex h-full gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition-colors hover:border-brand-100 hover:bg-brand-50/40">
                  <span aria-hidden="true" className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
                    <Icon className="h-5 w-5" />
                  </span>
                  <span className="min-w-0">
                    <span className="block font-semibold text-slate-900">{s.label}</span>
                    <span className="block text-sm text-slate-600">{s.description}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
