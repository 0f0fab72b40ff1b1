import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '../errors';
import type { TAdminSession } from '../admin/admin-session';
import type { TAdminPrincipal } from '../admin/principal';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { adminCookieNames, adminSessionOfCookie } from './admin-auth';
import { defineRoute, type TRouteContext, type TRouteOptions } from './route';
import { assertSameOrigin } from './same-origin';

export type TPublicAdminContext<P> = TRouteContext<P> & {
  /** IP and user agent, for the audit trail. */
  meta: TRequestMeta;
  /** The caller's console session, if signed in. */
  session: () => Promise<TAdminSession | undefined>;
};

export type TAdminContext<P> = TPublicAdminContext<P> & {
  /** The signed-in administrator; pass it to the use-case, which scopes its queries with it. */
  principal: TAdminPrincipal;
  adminSession: TAdminSession;
};

function publicContext<P>(ctx: TRouteContext<P>): TPublicAdminContext<P> {
  let cached: Promise<TAdminSession | undefined> | undefined;
  return {
    ...ctx,
    meta: { ip: ctx.ip, userAgent: ctx.request.headers.get('user-agent') },
    session: () => (cached ??= adminSessionOfCookie(ctx.request.cookies.get(adminCookieNames().session)?.value)),
  };
}

/**
 * The route wrapper of the console's JSON endpoints (`/admin/api/...`): refuses cross-site
 * state-changing requests, resolves the administrator from the session cookie (401
 * `auth.unauthenticated` without a live session) and hands the principal to the handler, which
 * passes it to a use-case that authorizes in its queries. Errors are rendered as
 * `{error: {code, message, fields?}}`, never cached. Authorization never relies on middleware
 * (CVE-2025-29927): every endpoint resolves its principal here.
 */
export function adminRoute<P = Record<string, string>>(handler: (ctx: TAdminContext<P>) => Promise<Response | object>, options?: TRouteOptions) {
  return defineRoute<P>(
    'admin',
    async (ctx) => {
      assertSameOrigin(ctx.request);
      const pub = publicContext(ctx);
      const adminSession = await pub.session();
      if (!adminSession) throw new AppError('auth.unauthenticated', { detail: 'no console session' });
      return handler({ ...pub, principal: adminSession.principal, adminSession });
    },
    options,
  );
}

/** The same wrapper for the few console endpoints used before signing in (sign-in options, setup link). */
export function publicAdminRoute<P = Record<string, string>>(handler: (ctx: TPublicAdminContext<P>) => Promise<Response | object>, options?: TRouteOptions) {
  return defineRoute<P>(
    'admin',
    async (ctx) => {
      assertSameOrigin(ctx.request);
      return handler(publicContext(ctx));
    },
    options,
  );
}

/** A response that also clears the console session cookie (sign-out). */
export function withoutAdminSessionCookie(body: object | null, status = 200): NextResponse {
  const res = body === null ? new NextResponse(null, { status }) : NextResponse.json(body, { status });
  const names = adminCookieNames();
  res.cookies.set(names.session, '', { httpOnly: true, sameSite: 'lax', secure: names.session.startsWith('__Host-'), path: '/', maxAge: 0 });
  return res;
}

/** The query string of a request as a plain object (for list queries: `q`, `page`, `pageSize`). */
export function searchParamsOf(request: NextRequest): Record<string, string> {
  return Object.fromEntries(request.nextUrl.searchParams);
}
