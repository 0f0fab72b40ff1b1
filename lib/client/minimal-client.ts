import { errorFromProblem, parseBody } from './errors';
import type {
  TAuthenticationRequest,
  TAuthenticationRequestResult,
  TAuthenticationResponse,
  TAuthenticationResponseResult,
  TRegistrationRequest,
  TRegistrationRequestResult,
  TRegistrationResponse,
  TRegistrationResponseResult,
} from './types';

/**
 * The client for the spec 001 minimal WebAuthn API (`/webauthn/registration/*`,
 * `/webauthn/authentication/*`, WIRE-NOTES §4): `X-Api-Key` names the application, the `Origin`
 * header names the relying party (its host is the rpId). Refusals are RFC 9457 problem documents
 * and are thrown as {@link LatchkeyProblemError}.
 */

/** Options of {@link createMinimalApiClient}. */
export type TMinimalApiClientOptions = {
  /** Latchkey's base URL, e.g. `https://id.example.com`. */
  baseUrl: string;
  /** The API key (sent as `X-Api-Key`). */
  apiKey: string;
  /** The web origin the ceremonies are for (sent as `Origin`); must be one the key allows. */
  origin: string;
  /** Per-request timeout in milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** The fetch implementation. Default the global `fetch`. */
  fetch?: typeof fetch;
};

/** The spec 001 calls. Each throws {@link LatchkeyApiError} (a {@link LatchkeyProblemError} for problem documents) on a 4xx/5xx. */
export type TMinimalApiClient = {
  /** Starts a registration: creation options and the session to hand back. */
  registrationRequest(body: TRegistrationRequest): Promise<TRegistrationRequestResult>;
  /** Finishes a registration. */
  registrationResponse(body: TRegistrationResponse): Promise<TRegistrationResponseResult>;
  /** Starts a sign-in (usernameless without `userName`). */
  authenticationRequest(body?: TAuthenticationRequest): Promise<TAuthenticationRequestResult>;
  /** Finishes a sign-in. */
  authenticationResponse(body: TAuthenticationResponse): Promise<TAuthenticationResponseResult>;
};

/**
 * Creates a spec 001 client.
 *
 * @example
 * ```ts
 * const api = createMinimalApiClient({ baseUrl: 'https://id.example.com', apiKey, origin: 'https://shop.example.com' });
 * const { publicKeyCredentialRequestOptions, session } = await api.authenticationRequest();
 * // … navigator.credentials.get() in the browser …
 * const { userId } = await api.authenticationResponse({ session, publicKeyCredential });
 * ```
 */
export function createMinimalApiClient(options: TMinimalApiClientOptions): TMinimalApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function post<T>(path: string, body: unknown): Promise<T> {
    const res = await doFetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-api-key': options.apiKey, origin: options.origin },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const raw = parseBody(await res.text());
    if (!res.ok) throw errorFromProblem(res.status, raw);
    return raw as T;
  }

  return {
    registrationRequest: (body) => post('/webauthn/registration/request', body),
    registrationResponse: (body) => post('/webauthn/registration/response', body),
    authenticationRequest: (body = {}) => post('/webauthn/authentication/request', body),
    authenticationResponse: (body) => post('/webauthn/authentication/response', body),
  };
}
