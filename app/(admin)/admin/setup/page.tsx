import type { Metadata } from 'next';
import { AdminAuthFrame } from '@/components/admin/auth-frame';
import { AdminSetupForm } from '@/components/admin/admin-setup-form';
import { RoleBadge } from '@/components/admin/role-badge';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { findValidSetupToken } from '@/lib/admin/create-setup-link';
import { describeGrant } from '@/lib/admin/describe-scope';

// The token is in the URL: never send it to another site in a Referer.
export const metadata: Metadata = { title: 'Administrator setup', robots: { index: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

const DATE_TIME = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * Landing page of a one-time setup link (the first administrator's, or an invitation): checks the
 * link without using it up, says what it grants, and enrols the administrator's first passkey.
 */
export default async function AdminSetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const db = getDb();
  const valid = typeof token === 'string' && token.length > 0 ? await findValidSetupToken({ db, token }) : undefined;
  if (!valid) {
    return (
      <AdminAuthFrame title="This setup link can't be used">
        <p role="alert" className="text-slate-600">
          The link is invalid, has already been used or has expired. Ask an administrator for a new invitation, or an operator for a new link: <code className="rounded bg-slate-100 px-1">npx latchkey admin setup-link</code>
        </p>
      </AdminAuthFrame>
    );
  }
  const scope = await describeGrant({ db, grant: valid });
  return (
    <AdminAuthFrame title={valid.role === 'system' ? 'Set up your administrator account' : 'You are invited to the admin console'} subtitle="Create a passkey to sign in: no password.">
      <dl className="mb-6 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-xl border border-slate-200 bg-slate-50 p-4 text-sm">
        <dt className="text-slate-500">Role</dt>
        <dd>
          <RoleBadge role={valid.role} />
        </dd>
        <dt className="text-slate-500">Manages</dt>
        <dd className="text-slate-900">{scope.summary}</dd>
        <dt className="text-slate-500">Link valid until</dt>
        <dd className="text-slate-900">
          <time dateTime={valid.expiresAt.toISOString()}>{DATE_TIME.format(valid.expiresAt)} UTC</time>
        </dd>
      </dl>
      <AdminSetupForm token={token as string} rpId={getConfig().rpId} />
    </AdminAuthFrame>
  );
}
