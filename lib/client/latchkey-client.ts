import { errorFromWebauthnBody, LatchkeyApiError, LatchkeyResponseError, parseBody } from './errors';
import type {
  TAssertionOptions,
  TAssertionOptionsRequest,
  TAssertionResult,
  TAssertionResultRequest,
  TAttestationOptions,
  TAttestationOptionsRequest,
  TAttestationResult,
  TAttestationResultRequest,
  TUnregisterRequest,
  TUnregisterResult,
} from './types';
import { authHeaders, callerKeys, deriveSharedKey, newRequestId, openBody, sealBody, type TEnvelopeCurve, type TEnvelopeKeyPair, type TRequestId, type TWebauthnFamily } from './wire';

/**
 * The Latchkey client for the spec 000 WebAuthn service API under `/webauthn`: the enveloped calls
 * (ECDH + AES-256-GCM, WIRE-NOTES §1) and their plain `/u1` twins. For Node.js (uses `node:crypto`
 * and the global `fetch`).
 */

/** Options of {@link createLatchkeyClient}. */
export type TLatchkeyClientOptions = {
  /** Latchkey's base URL, e.g. `https://id.example.com` (the API lives under `/webauthn`). */
  baseUrl: string;
  /** The license key (`lk_…`) issued for the application. */
  licenseKey: string;
  /** The application id sent in every `requestid`. */
  appId: string;
  /** The caller key pair (base64, WIRE-NOTES §1); a fresh one is generated when absent. */
  keyPair?: TEnvelopeKeyPair;
  /** The envelope curve; must match the service's. Default `secp256k1`. */
  curve?: TEnvelopeCurve;
  /** The service public key, when known; otherwise fetched once from `/webauthn/publickeys`. */
  servicePublicKey?: string;
  /** Per-request timeout in milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** The fetch implementation. Default the global `fetch`. */
  fetch?: typeof fetch;
};

/** One call: method, path under the base URL, family, JSON payload and the ceremony's `sessionInfo`. */
export type TLatchkeyCall = {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path including `/webauthn`, e.g. `/webauthn/assertion/options`. */
  path: string;
  family: TWebauthnFamily;
  /** The JSON payload (sealed in `{data}` for enveloped calls); none for calls without a body. */
  payload?: unknown;
  /** Sent as the `sessioninfo` header (the `…/result` calls). */
  sessionInfo?: string;
};

/** Per-call settings of {@link TLatchkeyClient.prepare}. */
export type TPrepareOptions = {
  /** Fields of the request id to set instead of now / a fresh uuid / the client's appId. */
  requestId?: Partial<TRequestId>;
  /** Another license key for this call. */
  licenseKey?: string;
  /**
   * Seal headers and body with this 32-byte key instead of the one shared with the service.
   * Only useful to test that a server refuses a wrongly keyed call.
   */
  envelopeKey?: Buffer;
};

/** A request ready to send: what goes on the wire, plus the request id and family it was built with. */
export type TPreparedRequest = {
  method: TLatchkeyCall['method'];
  url: string;
  family: TWebauthnFamily;
  /** Header names are lower case; edit freely before {@link TLatchkeyClient.send}. */
  headers: Record<string, string>;
  body: string | undefined;
  requestId: TRequestId;
};

/** An answer of any status: the parsed body (`raw`) and, for an enveloped success, its opened content (`data`). */
export type TLatchkeyResponse<T> = {
  status: number;
  ok: boolean;
  headers: Headers;
  /** The body as received: parsed JSON, or the text when it was not JSON. */
  raw: unknown;
  /** The answer: the decrypted content of an enveloped success, else `raw`. */
  data: T;
};

/** The ceremony and unregister calls of one family. */
export type TWebauthnCalls = {
  /** Starts a registration (`…/attestation/options`). */
  attestationOptions(payload: TAttestationOptionsRequest): Promise<TAttestationOptions>;
  /** Finishes a registration (`…/attestation/result`) with the `sessionInfo` of its options. */
  attestationResult(sessionInfo: string, payload: TAttestationResultRequest): Promise<TAttestationResult>;
  /** Starts a sign-in (`…/assertion/options`). */
  assertionOptions(payload: TAssertionOptionsRequest): Promise<TAssertionOptions>;
  /** Finishes a sign-in (`…/assertion/result`) with the `sessionInfo` of its options. */
  assertionResult(sessionInfo: string, payload: TAssertionResultRequest): Promise<TAssertionResult>;
  /** Removes passkeys (`DELETE /webauthn/unregister/…`). */
  unregister(target: TUnregisterRequest): Promise<TUnregisterResult>;
};

/**
 * The spec 000 client. The top-level ceremony methods use the envelope; `u1` has the same methods
 * in clear. Typed methods throw {@link LatchkeyApiError} on a 4xx/5xx; {@link TLatchkeyClient.request}
 * returns every answer instead.
 */
export type TLatchkeyClient = TWebauthnCalls & {
  /** The caller's public key (base64 X‖Y), sent as `publickey`. */
  readonly publicKey: string;
  /** The caller key pair (base64); keep the private key secret. */
  readonly keyPair: TEnvelopeKeyPair;
  readonly appId: string;
  readonly curve: TEnvelopeCurve;
  /** The plain `/webauthn/u1/…` calls. */
  readonly u1: TWebauthnCalls;
  /** The service public key: fetched from `/webauthn/publickeys` on first use, then cached. */
  servicePublicKey(): Promise<string>;
  /** The 32-byte key shared with the service (derived once per service key). */
  sharedKey(): Promise<Buffer>;
  /** Builds the request for `call`: headers, sealed body, request id. */
  prepare(call: TLatchkeyCall, options?: TPrepareOptions): Promise<TPreparedRequest>;
  /**
   * Sends a prepared request; resolves with the answer of any status (opening an enveloped success).
   *
   * @throws LatchkeyResponseError when an enveloped success cannot be opened
   */
  send<T>(request: TPreparedRequest): Promise<TLatchkeyResponse<T>>;
  /** {@link prepare} then {@link send}. */
  request<T>(call: TLatchkeyCall, options?: TPrepareOptions): Promise<TLatchkeyResponse<T>>;
};

const DEFAULT_TIMEOUT_MS = 30_000;

/** Path of a spec 000 ceremony call in a family. */
export function webauthnPath(family: TWebauthnFamily, ceremony: 'attestation' | 'assertion', step: 'options' | 'result'): string {
  return `/webauthn/${family === 'u1' ? 'u1/' : ''}${ceremony}/${step}`;
}

/** Path of the unregister call (`/webauthn/unregister/community/{id}[/user/{id}]/did_or_fidokey/{identifier}`). */
export function unregisterPath(target: TUnregisterRequest): string {
  const user = target.userId ? `/user/${encodeURIComponent(target.userId)}` : '';
  return `/webauthn/unregister/community/${encodeURIComponent(target.communityId)}${user}/did_or_fidokey/${encodeURIComponent(target.identifier)}`;
}

/**
 * Creates a spec 000 client.
 *
 * @example
 * ```ts
 * const latchkey = createLatchkeyClient({ baseUrl: 'https://id.example.com', licenseKey, appId: 'com.example.shop' });
 * const options = await latchkey.assertionOptions({ communityId, dns: 'shop.example.com', username: 'ada' });
 * // … navigator.credentials.get() in the browser …
 * const { sub } = await latchkey.assertionResult(options.sessionInfo, { communityId, dns: 'shop.example.com', ...credential });
 * ```
 * @throws AppError `envelope.invalid_key` when `keyPair` is not a valid pair on `curve`
 */
export function createLatchkeyClient(options: TLatchkeyClientOptions): TLatchkeyClient {
  const keys = callerKeys({ keyPair: options.keyPair, curve: options.curve });
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  /** The service key and the key shared with it; replaced when an answer names another service key. */
  let service: Promise<{ publicKey: string; key: Buffer }> | undefined = options.servicePublicKey
    ? Promise.resolve({ publicKey: options.servicePublicKey, key: deriveSharedKey(keys, options.servicePublicKey) })
    : undefined;

  const loadService = (): Promise<{ publicKey: string; key: Buffer }> => {
    service ??= (async () => {
      const res = await doFetch(`${baseUrl}/webauthn/publickeys`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
      const raw = parseBody(await res.text());
      if (!res.ok) throw errorFromWebauthnBody(res.status, raw);
      const publicKey = (raw as { publicKey?: unknown } | undefined)?.publicKey;
      if (typeof publicKey !== 'string') throw new LatchkeyResponseError(res.status, 'the /webauthn/publickeys answer has no publicKey');
      return { publicKey, key: deriveSharedKey(keys, publicKey) };
    })();
    // A failed fetch is not cached: the next call tries again.
    service.catch(() => (service = undefined));
    return service;
  };

  const client: TLatchkeyClient = {
    publicKey: keys.publicKey,
    keyPair: { publicKey: keys.publicKey, privateKey: keys.privateKey },
    appId: options.appId,
    curve: keys.curve,
    servicePublicKey: async () => (await loadService()).publicKey,
    sharedKey: async () => (await loadService()).key,

    async prepare(call, o = {}) {
      const key = call.family === 'enveloped' ? (o.envelopeKey ?? (await loadService()).key) : undefined;
      const requestId = newRequestId(options.appId, o.requestId);
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...authHeaders({ family: call.family, licenseKey: o.licenseKey ?? options.licenseKey, requestId, publicKey: keys.publicKey, key }),
      };
      if (call.sessionInfo !== undefined) headers.sessioninfo = call.sessionInfo;
      const body = call.payload === undefined ? undefined : sealBody(call.family, call.payload, key);
      if (body !== undefined) headers['content-type'] = 'application/json';
      return { method: call.method, url: `${baseUrl}${call.path}`, family: call.family, headers, body, requestId };
    },

    async send<T>(req: TPreparedRequest): Promise<TLatchkeyResponse<T>> {
      const res = await doFetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
      const raw = parseBody(await res.text());
      let data: unknown = raw;
      if (res.ok && req.family === 'enveloped') data = await open(res.status, raw);
      return { status: res.status, ok: res.ok, headers: res.headers, raw, data: data as T };
    },

    request: async (call, o) => client.send(await client.prepare(call, o)),

    ...calls('enveloped'),
    u1: calls('u1'),
  };

  /** Opens an enveloped success; follows a rotated service key named in the answer. */
  async function open(status: number, raw: unknown): Promise<unknown> {
    let { publicKey, key } = await loadService();
    const named = (raw as { publicKey?: unknown } | undefined)?.publicKey;
    try {
      if (typeof named === 'string' && named !== publicKey) {
        key = deriveSharedKey(keys, named);
        publicKey = named;
        service = Promise.resolve({ publicKey, key });
      }
      return openBody(raw, key);
    } catch (cause) {
      throw new LatchkeyResponseError(status, 'the enveloped answer could not be opened', { cause });
    }
  }

  /** A typed call: the answer's content, or a LatchkeyApiError. */
  async function typed<T>(call: TLatchkeyCall): Promise<T> {
    const res = await client.request<T>(call);
    if (!res.ok) throw errorFromWebauthnBody(res.status, res.raw);
    const status = (res.data as { status?: unknown } | undefined)?.status;
    if (typeof status === 'string' && status !== 'ok') {
      const message = (res.data as { errorMessage?: unknown }).errorMessage;
      throw new LatchkeyApiError({ status: res.status, error: status, message: typeof message === 'string' && message ? message : status, body: res.data });
    }
    return res.data;
  }

  function calls(family: TWebauthnFamily): TWebauthnCalls {
    return {
      attestationOptions: (payload) => typed({ method: 'POST', path: webauthnPath(family, 'attestation', 'options'), family, payload }),
      attestationResult: (sessionInfo, payload) => typed({ method: 'POST', path: webauthnPath(family, 'attestation', 'result'), family, payload, sessionInfo }),
      assertionOptions: (payload) => typed({ method: 'POST', path: webauthnPath(family, 'assertion', 'options'), family, payload }),
      assertionResult: (sessionInfo, payload) => typed({ method: 'POST', path: webauthnPath(family, 'assertion', 'result'), family, payload, sessionInfo }),
      unregister: (target) => typed({ method: 'DELETE', path: unregisterPath(target), family }),
    };
  }

  return client;
}
