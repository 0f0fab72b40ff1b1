import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AdminShell } from '@/components/admin/admin-shell';
import { getDb } from '@/lib/db';
import { describeGrant, grantOf } from '@/lib/admin/describe-scope';
import { getAdminPageSession } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: { template: '%s · Latchkey console', default: 'Latchkey console' }, robots: { index: false } };

/**
 * The console frame, for a signed-in administrator. The guard is each page's own
 * requireAdminPage(path): a layout is not rendered again on every navigation, and only the page
 * knows where to come back to after signing in. Signed out, the frame is left out (nothing of the
 * console is shown) and the page redirects to the sign-in page.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await getAdminPageSession();
  if (!session) return children;
  const { admin, principal } = session;
  const scope = await describeGrant({ db: getDb(), grant: grantOf(principal) });
  return <AdminShell admin={{ displayName: admin.displayName, username: admin.username, role: principal.role, scope: scope.summary }}>{children}</AdminShell>;
}
