import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { AdminAuthFrame } from '@/components/admin/auth-frame';
import { AdminSignInForm } from '@/components/admin/admin-sign-in-form';
import { getConfig } from '@/lib/config';
import { ERROR_CATALOG } from '@/lib/errors';
import { getAdminPageSession, safeConsolePath } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'Sign in to the admin console', robots: { index: false } };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> };

/** An error next-auth sends here (`?error=`), as the catalog says it; anything else generically. */
function errorMessage(error: string | string[] | undefined): string | undefined {
  const code = Array.isArray(error) ? error[0] : error;
  if (!code) return undefined;
  return code in ERROR_CATALOG ? ERROR_CATALOG[code as keyof typeof ERROR_CATALOG].message : 'Sign-in did not complete. Try again.';
}

/** The administrators' sign-in: passkey autofill, a passkey button, username-first. */
export default async function AdminSignInPage({ searchParams }: TProps) {
  const params = await searchParams;
  const next = safeConsolePath(params.next) ?? '/admin';
  if (await getAdminPageSession()) redirect(next);
  const error = errorMessage(params.error);
  return (
    <AdminAuthFrame title="Sign in" subtitle="to the Latchkey admin console">
      {error ? (
        <Alert tone="error" title="Couldn't sign you in" className="mb-5">
          {error}
        </Alert>
      ) : null}
      <AdminSignInForm rpId={getConfig().rpId} afterSignInPath={next} />
      <p className="mt-6 border-t border-slate-200 pt-4 text-sm text-slate-600">
        No passkey for the console yet? Ask an administrator for an invitation link, or run <code className="rounded bg-slate-100 px-1 text-slate-800">npx latchkey admin setup-link</code> on the server.
      </p>
    </AdminAuthFrame>
  );
}
