import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { CLIENT_ERROR, type TServerErrorLike } from './error-messages';

/** A passkey as the hosted endpoints describe it. */
import type { TPasskeyDto } from '@/lib/passkeys/passkey-dto';
import type { TConfirmationView } from '@/lib/transactions/get-confirmation';

export type { TPasskeyDto, TConfirmationView };

/** What the hosted confirmation page gets back for a confirmed transaction. */
export type TConfirmedTransaction = { status: 'confirmed'; credentialId: string; token: string };

export type THostedUser = { id: string; username: string; displayName: string };

/** An error answer of the hosted endpoints: `{ error: { code, message, fields? } }`. */
export class ApiError extends Error implements TServerErrorLike {
  readonly source = 'server' as const;
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** The server could not be reached (offline, DNS, connection reset). */
export class NetworkError extends Error {
  readonly code = CLIENT_ERROR.network;
  constructor(cause: unknown) {
    super('network request failed', { cause });
    this.name = 'NetworkError';
  }
}

/**
 * A same-origin JSON call to one of Latchkey's endpoints that answer errors as
 * `{ error: { code, message, fields? } }` (the hosted pages' and the admin console's): the parsed
 * body, or an ApiError / NetworkError.
 */
export async function requestJson<T>(url: string, init: { method: string; body?: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (res.status === 204) return undefined as T;
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
    const code = typeof err?.code === 'string' ? err.code : res.status >= 500 ? 'service.internal' : 'request.failed';
    const message = typeof err?.message === 'string' ? err.message : res.statusText;
    const fields = err?.fields && typeof err.fields === 'object' ? (err.fields as Record<string, string>) : undefined;
    throw new ApiError(res.status, code, message, fields);
  }
  if (json === undefined) throw new ApiError(res.status, 'service.internal', 'The server sent an unreadable answer.');
  return json as T;
}

/** Typed client of a community's hosted endpoints (`/c/{communityId}/api/...`), same origin. */
export function createHostedApi(apiBase: string) {
  const url = (path: string) => `${apiBase}/${path}`;
  return {
    registrationOptions: (body: { username: string; displayName: string } | Record<string, never>) =>
      requestJson<{ options: PublicKeyCredentialCreationOptionsJSON }>(url('registration/options'), { method: 'POST', body }),
    registrationVerify: (response: RegistrationResponseJSON) =>
      requestJson<{ user: THostedUser; passkey: TPasskeyDto; redirectTo?: string }>(url('registration/verify'), { method: 'POST', body: { response } }),
    authenticationOptions: (body: { username?: string }) =>
      requestJson<{ options: PublicKeyCredentialRequestOptionsJSON }>(url('authentication/options'), { method: 'POST', body }),
    authenticationVerify: (response: AuthenticationResponseJSON) =>
      requestJson<{ user: THostedUser; redirectTo?: string }>(url('authentication/verify'), { method: 'POST', body: { response } }),
    logout: () => requestJson<void>(url('session/logout'), { method: 'POST', body: {} }),
    listPasskeys: () => requestJson<{ passkeys: TPasskeyDto[] }>(url('passkeys'), { method: 'GET' }),
    renamePasskey: (id: string, name: string) => requestJson<{ passkey: TPasskeyDto }>(url(`passkeys/${encodeURIComponent(id)}`), { method: 'PATCH', body: { name } }),
    deletePasskey: (id: string) => requestJson<void>(url(`passkeys/${encodeURIComponent(id)}`), { method: 'DELETE' }),
    transaction: (txId: string, session: string) => requestJson<TConfirmationView>(url(`tx/${encodeURIComponent(txId)}`), { method: 'POST', body: { session } }),
    confirmTransaction: (txId: string, session: string, response: AuthenticationResponseJSON) =>
      requestJson<TConfirmedTransaction>(url(`tx/${encodeURIComponent(txId)}/complete`), { method: 'POST', body: { session, response } }),
  };
}

export type THostedApi = ReturnType<typeof createHostedApi>;

/**
 * Where to go after signing in: the server's `redirectTo` when it is on this site (a path, or an
 * absolute URL of `origin`), else the fallback; never another site (no open redirect).
 */
export function safeRedirectTarget(redirectTo: string | undefined, fallback: string, origin: string): string {
  if (typeof redirectTo !== 'string' || redirectTo === '') return fallback;
  try {
    const target = new URL(redirectTo, origin);
    if (target.origin !== origin || (target.protocol !== 'https:' && target.protocol !== 'http:')) return fallback;
    return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    return fallback;
  }
}
