import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { TPasskeyDto } from '../../lib/passkeys/passkey-dto';
import type { TUserDto } from '../../lib/users/username';
import type { TAuthenticateOptions, TRegisterOptions, TSoftAuthenticator } from './soft-authenticator';

/**
 * A small typed client for the hosted pages' JSON endpoints under `/c/{communityId}/api`, with a
 * cookie jar, for API tests and benchmarks. It behaves like a same-origin `fetch` from the hosted
 * pages: it sends `Origin: <baseUrl>` on state-changing requests (set `origin: null` to act as a
 * non-browser client) and keeps the session cookie between calls.
 *
 * Every call returns the status, headers and parsed body instead of throwing, so attack tests can
 * assert on refusals; `expectOk` turns a refusal into an exception for the happy paths.
 */

/** The hosted error format: `{error: {code, message, fields?}}`. */
export type THostedErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export type TRegistrationOptionsBody = { options: PublicKeyCredentialCreationOptionsJSON };
export type TRegistrationVerifyBody = { user: TUserDto; passkey: TPasskeyDto; redirectTo: string };
export type TAuthenticationOptionsBody = { options: PublicKeyCredentialRequestOptionsJSON };
export type TAuthenticationVerifyBody = { user: TUserDto; redirectTo: string; proof_of_authentication_jwt: string };
export type TLogoutBody = { redirectTo: string };
export type TPasskeyListBody = { passkeys: TPasskeyDto[] };
export type TPasskeyBody = { passkey: TPasskeyDto };

/** One HTTP answer. `body` is the parsed JSON (undefined for an empty body, the text when not JSON). */
export type THostedResponse<T> = {
  status: number;
  ok: boolean;
  headers: Headers;
  /** Raw `Set-Cookie` header values, in order. */
  setCookies: string[];
  body: T | THostedErrorBody | undefined;
  /** The body typed as success; check `ok` (or use `expectOk`) first. */
  data: T;
};

export type TRequestOptions = {
  /** Serialised with JSON.stringify and sent as application/json. */
  json?: unknown;
  /** Sent verbatim (takes precedence over `json`). */
  body?: BodyInit;
  /** Extra or overriding headers; a `null` value removes a default header. */
  headers?: Record<string, string | null>;
  /** Skip the cookie jar for this request (send no cookies, store none). */
  noCookies?: boolean;
};

export type TParsedCookie = {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
};

/** Parses one `Set-Cookie` value; attribute names are lower-cased. */
export function parseSetCookie(header: string): TParsedCookie {
  const [pair = '', ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of rest) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const i = trimmed.indexOf('=');
    if (i === -1) attributes[trimmed.toLowerCase()] = true;
    else attributes[trimmed.slice(0, i).trim().toLowerCase()] = trimmed.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

/** A minimal cookie jar for one host: stores by name, drops cookies that are cleared or expired. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  clear(): void {
    this.cookies.clear();
  }

  /** Applies the `Set-Cookie` headers of a response. */
  store(setCookies: string[], now: Date = new Date()): void {
    for (const header of setCookies) {
      const cookie = parseSetCookie(header);
      const maxAge = cookie.attributes['max-age'];
      const expires = cookie.attributes.expires;
      const expired =
        (typeof maxAge === 'string' && Number(maxAge) <= 0) || (typeof expires === 'string' && new Date(expires).getTime() <= now.getTime());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  /** The `Cookie` request header, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export type THostedClientOptions = {
  baseUrl: string;
  communityId: string;
  /** Origin header on state-changing requests: default `baseUrl` (same-origin page); `null` sends none. */
  origin?: string | null;
  jar?: CookieJar;
};

export type THostedClient = ReturnType<typeof createHostedClient>;

/** Throws with the status and body unless the answer is a 2xx; returns the typed body. */
export function expectOk<T>(res: THostedResponse<T>): T {
  if (!res.ok) throw new Error(`expected a 2xx, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.data;
}

export function createHostedClient(options: THostedClientOptions) {
  const jar = options.jar ?? new CookieJar();
  const origin = options.origin === undefined ? options.baseUrl : options.origin;
  const apiBase = `${options.baseUrl}/c/${encodeURIComponent(options.communityId)}/api`;
  const cookieName = `lk_session_${options.communityId}`;

  async function request<T>(method: string, path: string, init: TRequestOptions = {}): Promise<THostedResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: BodyInit | undefined = init.body;
    if (body === undefined && init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['content-type'] = 'application/json';
    }
    if (origin && method !== 'GET' && method !== 'HEAD') headers.origin = origin;
    const cookie = init.noCookies ? undefined : jar.header();
    if (cookie) headers.cookie = cookie;
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    const url = path.startsWith('http') ? path : `${apiBase}/${path.replace(/^\//, '')}`;
    const res = await fetch(url, { method, headers, body, redirect: 'manual', ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
    const setCookies = res.headers.getSetCookie();
    if (!init.noCookies) jar.store(setCookies);
    const text = await res.text();
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, ok: res.ok, headers: res.headers, setCookies, body: parsed as T | THostedErrorBody | undefined, data: parsed as T };
  }

  const client = {
    baseUrl: options.baseUrl,
    communityId: options.communityId,
    /** The origin this client's pages run on (what a browser writes into clientDataJSON). */
    origin: options.baseUrl,
    jar,
    cookieName,
    request,
    /** The session cookie's value, if signed in. */
    sessionToken: () => jar.get(cookieName),

    registrationOptions: (input: { username?: string; displayName?: string } | Record<string, unknown> = {}, init?: TRequestOptions) =>
      request<TRegistrationOptionsBody>('POST', 'registration/options', { json: input, ...init }),
    registrationVerify: (response: RegistrationResponseJSON | unknown, init?: TRequestOptions) =>
      request<TRegistrationVerifyBody>('POST', 'registration/verify', { json: { response }, ...init }),
    authenticationOptions: (input: { username?: string } = {}, init?: TRequestOptions) =>
      request<TAuthenticationOptionsBody>('POST', 'authentication/options', { json: input, ...init }),
    authenticationVerify: (response: AuthenticationResponseJSON | unknown, init?: TRequestOptions) =>
      request<TAuthenticationVerifyBody>('POST', 'authentication/verify', { json: { response }, ...init }),
    logout: (init?: TRequestOptions) => request<TLogoutBody>('POST', 'session/logout', init),
    listPasskeys: (init?: TRequestOptions) => request<TPasskeyListBody>('GET', 'passkeys', init),
    renamePasskey: (passkeyId: string, name: unknown, init?: TRequestOptions) =>
      request<TPasskeyBody>('PATCH', `passkeys/${encodeURIComponent(passkeyId)}`, { json: { name }, ...init }),
    deletePasskey: (passkeyId: string, init?: TRequestOptions) => request<undefined>('DELETE', `passkeys/${encodeURIComponent(passkeyId)}`, init),

    /**
     * Sign-up (signed out) or add-a-passkey (signed in) in one go: options, the authenticator's
     * response, verify. Throws if the options call fails; returns the verify answer as is.
     */
    async register(
      authenticator: TSoftAuthenticator,
      input: { username?: string; displayName?: string } = {},
      ceremony: Partial<TRegisterOptions> = {},
    ): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; response: RegistrationResponseJSON; result: THostedResponse<TRegistrationVerifyBody> }> {
      const { options: creation } = expectOk(await client.registrationOptions(input));
      const response = authenticator.register(creation, { origin: client.origin, ...ceremony });
      return { options: creation, response, result: await client.registrationVerify(response) };
    },

    /** Sign-in in one go (usernameless unless `username` is given). */
    async signIn(
      authenticator: TSoftAuthenticator,
      input: { username?: string } = {},
      ceremony: Partial<TAuthenticateOptions> = {},
    ): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; response: AuthenticationResponseJSON; result: THostedResponse<TAuthenticationVerifyBody> }> {
      const { options: requestOptions } = expectOk(await client.authenticationOptions(input));
      const response = authenticator.authenticate(requestOptions, { origin: client.origin, ...ceremony });
      return { options: requestOptions, response, result: await client.authenticationVerify(response) };
    },
  };
  return client;
}
