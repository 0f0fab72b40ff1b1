import { after } from 'next/server';
import { getConfig, type TOtpSettings } from '../config';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { deriveKey } from '../crypto/tokens';
import { getDb, type TDb } from '../db';
import { AppError } from '../errors';
import { authenticateFido2Management, authenticateFido2User, type TFido2ManagementCaller, type TFido2UserCaller } from '../fido2-api/authenticate';
import type { TDefer, TMessaging } from '../messaging/message';
import { messagingFromConfig } from '../messaging/messaging-from-config';
import type { TRequestMeta } from '../passkeys/audit-failure';
import type { TFido2Scope } from '../tokens/jwt-access';
import { log } from '../log';
import { FIDO2_CORS, corsPreflight, withCors } from './cors';
import { fido2Route, type TRouteContext, type TRouteOptions } from './route';

/**
 * Route wrappers of the FIDO2 API 2.0 (`/fido2/v2`, spec 002): errors as `{msg, msgCode}`
 * (lib/http/formats.ts), and the caller resolved before the handler reads anything:
 * - {@link fido2PublicRoute}: no credentials (init calls, OTP requests); `user()` reads an
 *   optional Bearer token (reg/init: a signed-in user adding a passkey);
 * - {@link fido2UserRoute}: `Authorization: Bearer <jwtAccess>` with the listed scopes;
 * - {@link fido2ManagementRoute}: `Authorization: Basic base64("<api key>:")` of an application;
 * - {@link fido2UserOrManagementRoute}: either of the two (profile operations).
 *
 * The public, user and user-or-management routes are called from customers' pages (the vendor's
 * web SDK), so their answers carry CORS headers (lib/http/cors.ts) and each of their route files
 * exports `OPTIONS = fido2Preflight`. Management calls come from the application's back end: no CORS.
 */
export type TFido2Context<P> = TRouteContext<P> & {
  db: TDb;
  /** This service's public origin: the issuer of jwtAccess tokens is `${origin}/c/{communityId}`. */
  origin: string;
  /** The request's `Origin` header: present on browser calls (checked against the application's origins). */
  browserOrigin: string | null;
  meta: TRequestMeta;
  kek: () => Buffer;
  /** One-time code settings (LATCHKEY_OTP_*). */
  otp: TOtpSettings;
  /** Email and SMS transports (LATCHKEY_SMTP_*, LATCHKEY_SMS_WEBHOOK_*; the database outbox otherwise). */
  messaging: () => TMessaging;
  /** Runs work after the answer is sent (Next's `after`), e.g. deliveries that must not shape the answer's timing. */
  defer: TDefer;
  /** Secret for decoy credential ids (see startAuthentication). */
  decoyKey: () => Buffer;
};

export type TFido2PublicContext<P> = TFido2Context<P> & {
  /**
   * The Bearer token's caller with these scopes, or undefined when the request has no
   * Authorization header. A header that is present must be valid.
   * @throws AppError `auth.unauthenticated`, `tokens.insufficient_scope`
   */
  user: (scopes: readonly TFido2Scope[]) => Promise<TFido2UserCaller | undefined>;
};

type THandler<C> = (ctx: C) => Promise<Response | object>;

function contextOf<P>(ctx: TRouteContext<P>): TFido2Context<P> {
  const config = getConfig();
  return {
    ...ctx,
    db: getDb(),
    origin: config.origin,
    browserOrigin: ctx.request.headers.get('origin'),
    meta: { ip: ctx.ip, userAgent: ctx.request.headers.get('user-agent') },
    kek: () => loadKeyEncryptionKey(config),
    otp: config.otp,
    messaging: () => messagingFromConfig(config.messaging),
    defer: (task) =>
      after(async () => {
        try {
          await task();
        } catch (e) {
          log.error('deferred task failed', { path: ctx.request.nextUrl.pathname, detail: (e as Error)?.message, stack: (e as Error)?.stack });
        }
      }),
    decoyKey: () => deriveKey(loadKeyEncryptionKey(config), 'decoy-credentials'),
  };
}

/** The answer to a CORS preflight on the public and user endpoints. */
export const fido2Preflight = corsPreflight(FIDO2_CORS);

/** Unknown paths under /fido2/v2: 404 in the `{msg, msgCode}` format, readable cross-origin. */
export const fido2NotFound = withCors(
  fido2Route(async () => {
    throw new AppError('request.not_found');
  }),
);

export function fido2PublicRoute<P = Record<string, string>>(handler: THandler<TFido2PublicContext<P>>, options?: TRouteOptions) {
  return withCors(fido2Route<P>(async (raw) => {
    const ctx = contextOf(raw);
    const authorization = raw.request.headers.get('authorization');
    return handler({
      ...ctx,
      user: async (scopes) => (authorization === null ? undefined : authenticateFido2User({ db: ctx.db, authorization, origin: ctx.origin, scopes })),
    });
  }, options));
}

export function fido2UserRoute<P = Record<string, string>>(scopes: readonly TFido2Scope[], handler: THandler<TFido2Context<P> & { caller: TFido2UserCaller }>, options?: TRouteOptions) {
  return withCors(fido2Route<P>(async (raw) => {
    const ctx = contextOf(raw);
    const caller = await authenticateFido2User({ db: ctx.db, authorization: raw.request.headers.get('authorization'), origin: ctx.origin, scopes });
    return handler({ ...ctx, caller });
  }, options));
}

/**
 * A route both kinds of caller may use (002 profile operations): `Bearer <jwtAccess>` with the
 * listed scopes (the user acting on their own profile), or `Basic` with an application's key
 * (its back end acting on a user of its community). Any other header is 401.
 */
export function fido2UserOrManagementRoute<P = Record<string, string>>(
  scopes: readonly TFido2Scope[],
  handler: THandler<TFido2Context<P> & { caller: TFido2UserCaller | TFido2ManagementCaller }>,
  options?: TRouteOptions,
) {
  return withCors(fido2Route<P>(async (raw) => {
    const ctx = contextOf(raw);
    const authorization = raw.request.headers.get('authorization');
    const caller = /^basic\s/i.test(authorization ?? '')
      ? await authenticateFido2Management({ db: ctx.db, authorization })
      : await authenticateFido2User({ db: ctx.db, authorization, origin: ctx.origin, scopes });
    return handler({ ...ctx, caller });
  }, options));
}

export function fido2ManagementRoute<P = Record<string, string>>(handler: THandler<TFido2Context<P> & { caller: TFido2ManagementCaller }>, options?: TRouteOptions) {
  return fido2Route<P>(async (raw) => {
    const ctx = contextOf(raw);
    const caller = await authenticateFido2Management({ db: ctx.db, authorization: raw.request.headers.get('authorization') });
    return handler({ ...ctx, caller });
  }, options);
}
