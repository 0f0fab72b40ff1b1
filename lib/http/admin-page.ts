import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { TAdminSession } from '../admin/admin-session';
import { adminCookieNames, adminSessionOfCookie, ADMIN_SIGN_IN_PATH } from './admin-auth';

/**
 * The console session of the current request, for server components (read once per request:
 * layout and page share it). Undefined when signed out.
 */
export const getAdminPageSession = cache(async (): Promise<TAdminSession | undefined> => {
  const jar = await cookies();
  return adminSessionOfCookie(jar.get(adminCookieNames().session)?.value);
});

/** Only console paths are returned to after signing in (no open redirect). */
export function safeConsolePath(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && /^\/admin(\/[\w\-/]*)?(\?[\w\-=&%.]*)?$/.test(v) && !v.startsWith('/admin/sign-in') && !v.startsWith('/admin/api') ? v : undefined;
}

/**
 * The page guard of every console page (server components): the signed-in administrator, or a
 * redirect to the sign-in page (which returns to `returnTo` afterwards). Call it in each page,
 * not only in the layout: layouts are not re-rendered on every navigation. Never rely on
 * middleware for this (CVE-2025-29927).
 */
export async function requireAdminPage(returnTo?: string): Promise<TAdminSession> {
  const session = await getAdminPageSession();
  if (!session) {
    const back = safeConsolePath(returnTo);
    redirect(back && back !== '/admin' ? `${ADMIN_SIGN_IN_PATH}?next=${encodeURIComponent(back)}` : ADMIN_SIGN_IN_PATH);
  }
  return session;
}
