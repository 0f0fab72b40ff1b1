import type { AuthOptions, User } from 'next-auth';
import NextAuth from 'next-auth';
import { decode } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { NextRequest } from 'next/server';
import { getConfig } from '../config';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { deriveKey } from '../crypto/tokens';
import { getDb } from '../db';
import { AppError, isAppError, toAppError } from '../errors';
import { log } from '../log';
import { ADMIN_SESSION_MAX_MS, resolveAdminSession, revokeAdminSession, type TAdminSession } from '../admin/admin-session';
import { enrollAdminWithPasskey } from '../admin/finish-admin-enrollment';
import { signInAdminWithPasskey } from '../admin/sign-in-admin-with-passkey';
import { mediaTypeOf, readBodyText } from './body';
import { renderError } from './formats';
import { clientIp } from './route';
import { assertSameOrigin } from './same-origin';

/**
 * The admin console's sessions through next-auth (v4, App Router), at its default base path
 * `/api/auth` (app/api/auth/[...nextauth]/route.ts): next-auth owns the sign-in endpoints, CSRF
 * and the session cookie; Latchkey owns who may sign in and what a session is worth.
 *
 * - Providers: `passkey` (a WebAuthn assertion on the console community) and `passkey-setup`
 *   (a setup link plus the first passkey's attestation). Both are Credentials providers whose
 *   authorize() calls a lib/admin use-case; every identity is mapped to an administrator by one
 *   function, lib/admin/admin-identity.ts findAdminForIdentity.
 * - JWT strategy; the (encrypted) token carries only `sid`, the random handle of a Session row
 *   of the console community. Every request finds that row again (resolveAdminSession): not
 *   revoked, not idle for 30 min, not older than 8 h, administrator still there, role and scope
 *   read fresh. Sign-out and removal therefore take effect at once.
 * - The secret is derived from the key-encryption key (no new setting); cookies are HttpOnly,
 *   SameSite=Lax, Secure (and `__Host-` named) when the public URL is https.
 *
 * Adding an OpenID Connect provider later (Latchkey's own) is adding it to `providers` and, in the
 * jwt callback's sign-in branch, opening the session with openAdminSession({identity: {provider:
 * 'oidc', …}}) after adding that identity to findAdminForIdentity. See docs/admin/README.md.
 */

export const ADMIN_AUTH_BASE_PATH = '/api/auth';
export const ADMIN_SIGN_IN_PATH = '/admin/sign-in';

/** The provider ids the console's sign-in page and the API test helper post to. */
export const ADMIN_PROVIDERS = { passkey: 'passkey', setup: 'passkey-setup' } as const;

function secureCookies(): boolean {
  return getConfig().publicUrl.protocol === 'https:';
}

/** Cookie names: `__Host-` prefixed over https (Secure, Path=/, no Domain: RFC 6265bis §4.1.3.2). */
export function adminCookieNames(secure = secureCookies()) {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}lk_admin_session`, csrf: `${prefix}lk_admin_csrf`, callbackUrl: `${prefix}lk_admin_callback` };
}

/** The next-auth secret: a purpose-bound subkey of the key-encryption key (no extra configuration). */
function nextAuthSecret(): string {
  return deriveKey(loadKeyEncryptionKey(getConfig()), 'nextauth').toString('base64url');
}

/** An error for next-auth: authorize() failures reach the client as `?error=<code>` (catalog codes only). */
function publicErrorCode(e: unknown): string {
  const error = toAppError(e);
  if (!error.expose) log.error('admin sign-in failed', { code: error.code, detail: error.detail, stack: (e as Error)?.stack });
  else log.debug('admin sign-in refused', { code: error.code, detail: error.detail });
  return error.expose ? error.code : 'service.internal';
}

type TCredentialRequest = { headers?: Record<string, unknown> };

function metaOf(req: TCredentialRequest) {
  const headers = new Headers(Object.entries(req.headers ?? {}).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
  return { ip: clientIp({ headers }), userAgent: headers.get('user-agent') };
}

function parseResponse(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 128 * 1024) throw new AppError('request.validation_failed', { fields: { response: 'Expected the passkey response as JSON.' } });
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new AppError('request.malformed_json', { detail: 'response is not JSON' });
  }
}

/** What authorize() hands to the jwt callback: the administrator and the session handle. */
type TSignedInUser = User & { sid: string };

function providers(): AuthOptions['providers'] {
  return [
    CredentialsProvider({
      id: ADMIN_PROVIDERS.passkey,
      name: 'Passkey',
      credentials: { response: { label: 'Passkey response (JSON)', type: 'text' } },
      async authorize(credentials, req): Promise<TSignedInUser> {
        try {
          const session = await signInAdminWithPasskey({ db: getDb(), response: parseResponse(credentials?.response), meta: metaOf(req) });
          return { id: session.principal.adminId, sid: session.token };
        } catch (e) {
          throw new Error(publicErrorCode(e));
        }
      },
    }),
    CredentialsProvider({
      id: ADMIN_PROVIDERS.setup,
      name: 'Setup link',
      credentials: { token: { label: 'Setup token', type: 'text' }, response: { label: 'Passkey response (JSON)', type: 'text' } },
      async authorize(credentials, req): Promise<TSignedInUser> {
        try {
          const session = await enrollAdminWithPasskey({ db: getDb(), token: String(credentials?.token ?? ''), response: parseResponse(credentials?.response), meta: metaOf(req) });
          return { id: session.principal.adminId, sid: session.token };
        } catch (e) {
          throw new Error(publicErrorCode(e));
        }
      },
    }),
  ];
}

/** A same-site path for a redirect, never another site (no open redirect). */
function safeRedirect(url: string): string {
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const target = new URL(url);
    if (target.origin === getConfig().origin) return `${target.pathname}${target.search}`;
  } catch {
    // not a URL
  }
  return '/admin';
}

/** The next-auth options, built per request from the validated configuration. */
export function adminAuthOptions(): AuthOptions {
  const secure = secureCookies();
  const names = adminCookieNames(secure);
  const cookie = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  const maxAge = ADMIN_SESSION_MAX_MS / 1000;
  return {
    secret: nextAuthSecret(),
    useSecureCookies: secure,
    session: { strategy: 'jwt', maxAge },
    jwt: { maxAge },
    cookies: {
      sessionToken: { name: names.session, options: cookie },
      csrfToken: { name: names.csrf, options: cookie },
      callbackUrl: { name: names.callbackUrl, options: cookie },
    },
    providers: providers(),
    pages: { signIn: ADMIN_SIGN_IN_PATH, signOut: ADMIN_SIGN_IN_PATH, error: ADMIN_SIGN_IN_PATH },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          // Signing in: the provider opened the server-side session. (An OIDC provider would open
          // it here, from `account`, with openAdminSession.)
          const sid = (user as Partial<TSignedInUser>).sid;
          if (!sid) throw new Error('auth.unauthenticated');
          return { sid };
        }
        // next-auth's own session endpoint: the server-side row decides, as everywhere.
        if (!(await resolveAdminSession({ db: getDb(), token: typeof token.sid === 'string' ? token.sid : undefined }))) throw new Error('console session ended');
        return { sid: token.sid };
      },
      // The console reads sessions through requireAdminPage / adminRoute; this endpoint only says until when.
      session: ({ session }) => ({ expires: session.expires }),
      redirect: ({ url }) => safeRedirect(url),
    },
    events: {
      async signOut({ token }) {
        await revokeAdminSession({ db: getDb(), token: typeof token?.sid === 'string' ? token.sid : undefined });
      },
    },
    logger: {
      error: (code, metadata) => {
        // An ended session seen by /api/auth/session is normal, not an error.
        if (code === 'JWT_SESSION_ERROR') log.debug('next-auth session ended', { code });
        else log.error('next-auth error', { code, message: (metadata as Error)?.message });
      },
      // NEXTAUTH_URL is not used: redirects are same-site paths and cookies follow LATCHKEY_PUBLIC_URL.
      warn: (code) => (code === 'NEXTAUTH_URL' ? undefined : log.warn('next-auth warning', { code })),
      debug: () => undefined,
    },
  };
}

const AUTH_BODY_LIMIT = 192 * 1024;

/**
 * The next-auth actions the console uses. Others answer 404 in the console's format (next-auth
 * would answer some with plain text or a 500, e.g. a GET of a credentials callback); `_log`
 * (client-side logging into the server's log) is not offered at all.
 */
const GET_ACTIONS = new Set(['csrf', 'session', 'providers', 'signin', 'signout', 'error']);
const POST_ACTIONS = new Set(['signout', 'session']);
const CREDENTIAL_PROVIDERS: ReadonlySet<string> = new Set(Object.values(ADMIN_PROVIDERS));

function assertKnownAction(method: string, [action = '', providerId, ...rest]: string[]): void {
  if (rest.length > 0) throw new AppError('request.not_found', { detail: `/api/auth/${action}/…` });
  const isCallback = action === 'callback' && providerId !== undefined && CREDENTIAL_PROVIDERS.has(providerId);
  if (method === 'POST' && (isCallback || (POST_ACTIONS.has(action) && providerId === undefined))) return;
  if (method === 'GET' && GET_ACTIONS.has(action) && (providerId === undefined || (action === 'signin' && CREDENTIAL_PROVIDERS.has(providerId)))) return;
  if (isCallback) throw new AppError('request.method_not_allowed', { detail: `${method} /api/auth/callback/${providerId}` });
  throw new AppError('request.not_found', { detail: `${method} /api/auth/${action}${providerId ? `/${providerId}` : ''}` });
}

/**
 * The route handler of `/api/auth/[...nextauth]`: next-auth behind the console's own checks:
 * cross-site POSTs refused (on top of next-auth's double-submit CSRF token), bodies size-limited
 * and checked, errors in the console's format, nothing cached.
 */
export async function handleAdminAuth(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  try {
    assertSameOrigin(request);
    assertKnownAction(request.method, (await context.params).nextauth ?? []);
    let forwarded = request;
    if (request.method === 'POST') {
      const text = await readBodyText(request, AUTH_BODY_LIMIT);
      const type = mediaTypeOf(request);
      if (type === 'application/json') {
        try {
          JSON.parse(text || '{}');
        } catch {
          throw new AppError('request.malformed_json');
        }
      } else if (type !== 'application/x-www-form-urlencoded' && text.length > 0) {
        throw new AppError('request.unsupported_media_type', { detail: type || '(none)' });
      }
      forwarded = new NextRequest(request.url, { method: 'POST', headers: request.headers, body: text });
    }
    const response = (await NextAuth(forwarded, context, adminAuthOptions())) as Response;
    response.headers.set('cache-control', 'no-store');
    return response;
  } catch (e) {
    const error = toAppError(e);
    if (!error.expose) log.error('admin auth request failed', { path: request.nextUrl.pathname, code: error.code, detail: error.detail, stack: (e as Error)?.stack });
    return renderError('admin', isAppError(e) ? e : error);
  }
}

/**
 * The console session of a session cookie value: decrypts the next-auth JWT and finds the live
 * Session row it names. Undefined for anything else (absent, forged, expired, revoked …).
 */
export async function adminSessionOfCookie(value: string | undefined): Promise<TAdminSession | undefined> {
  if (!value || value.length > 4096) return undefined;
  let sid: unknown;
  try {
    sid = (await decode({ token: value, secret: nextAuthSecret() }))?.sid;
  } catch {
    return undefined;
  }
  return typeof sid === 'string' ? resolveAdminSession({ db: getDb(), token: sid }) : undefined;
}
