import { NextResponse } from 'next/server';
import { AppError } from '../errors';
import { getDb } from '../db';
import { findSession, type TSession } from '../sessions/sessions';
import { defineRoute, type TRouteContext, type TRouteOptions } from './route';
import { assertSameOrigin } from './same-origin';
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
