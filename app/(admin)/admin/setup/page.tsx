import type { Metadata } from 'next';
import { CenteredCard } from '@/components/ui/card';
import { getDb } from '@/lib/db';
import { findValidSetupToken } from '@/lib/admin/create-setup-link';

export const metadata: Metadata = { title: 'Administrator setup', robots: { index: false } };
export const dynamic = 'force-dynamic';

/**
 * Landing page of the one-time admin setup link. It checks the link (without using it up) and
 * tells the operator where they stand; enrolling the administrator's passkey happens in the admin
 * console.
 */
export default async function AdminSetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const valid = typeof token === 'string' && token.length > 0 ? await findValidSetupToken({ db: getDb(), token }) : undefined;
  if (!valid) {
    return (
      <CenteredCard title="This setup link can't be used">
        <p role="alert" className="text-slate-600">
          The link is invalid, has already been used or has expired. Ask an operator for a new one: <code className="rounded bg-slate-100 px-1">npx latchkey admin setup-link</code>
        </p>
      </CenteredCard>
    );
  }
  return (
    <CenteredCard title="Set up the first administrator">
      <p className="mb-3 text-slate-600">This one-time link is valid until {valid.expiresAt.toUTCString()}.</p>
      <p className="text-slate-600">Role: <strong className="font-semibold text-slate-900">{valid.role} administrator</strong></p>
    </CenteredCard>
  );
}
