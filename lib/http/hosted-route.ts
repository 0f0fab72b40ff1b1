import { NextResponse, type NextRequest } from 'next/server';
import { AppError } from '../errors';
import { getConfig } from '../config';
import { getDb } from '../db';
import { findSession, type TSession } from '../sessions/sessions';
import { defineRoute, type TRouteContext, type TRouteOptions } from './route';
import { sessionCookieName, sessionCookieOptions } from './session-cookie';

export type THostedContext<P> = TRouteContext<P> & {
  communityId: string;
  /** The session cookie's token, if any. */
  sessionToken: string | undefined;
  /** The signed-in session of this community, or undefined. */
  session: () => Promise<TSession | undefined>;
  /** The session, or `auth.unauthenticated`. */
  requireSession: () => Promise<TSession>;
};

/**
 * Refuses state-changing requests sent from another site (defence in depth on top of
 * SameSite=Lax cookies and the JSON content type): a browser always sends Origin on
 * cross-origin POST/PATCH/DELETE, so a present Origin must be this service's.
 */
function assertSameOrigin(request: NextRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.get('origin');
  if (origin && origin !== getConfig().origin && origin !== request.nextUrl.origin) {
    throw new AppError('auth.forbidden', { detail: `cross-site ${request.method} from ${origin}` });
  }
}

/** Route wrapper for the hosted pages' JSON endpoints under `/c/{communityId}/api`. */
export function hostedRoute<P extends { communityId: string }>(handler: (ctx: THostedContext<P>) => Promise<Response | object>, options?: TRouteOptions) {
  return defineRoute<P>(
    'hosted',
    async (ctx) => {
      assertSameOrigin(ctx.request);
      const communityId = ctx.params.communityId;
      const sessionToken = ctx.request.cookies.get(sessionCookieName(communityId))?.value;
      let cached: Promise<TSession | undefined> | undefined;
      const session = () => (cached ??= findSession({ db: getDb(), communityId, token: sessionToken }));
      return handler({
        ...ctx,
        communityId,
        sessionToken,
        session,
        requireSession: async () => {
          const s = await session();
          if (!s) throw new AppError('auth.unauthenticated', { detail: 'no session' });
          return s;
        },
      });
    },
    options,
  );
}

/** A JSON response that also sets (or, with token undefined, clears) the session cookie. */
export function withSessionCookie(body: object, communityId: string, token: string | undefined, expiresAt: Date, status = 200): NextResponse {
  const res = NextResponse.json(body, { status });
  if (token) res.cookies.set(sessionCookieName(communityId), token, sessionCookieOptions(expiresAt));
  else res.cookies.set(sessionCookieName(communityId), '', { ...sessionCookieOptions(new Date(0)), maxAge: 0 });
  return res;
}
