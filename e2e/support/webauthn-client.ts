import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { createLatchkeyClient, deriveSharedKey, unregisterPath, webauthnPath, type TLatchkeyClient } from '../../lib/client';
import type { TWebauthnFamily as TFamily } from '../../lib/client';

/**
 * The spec 000 test client: a thin adapter over the client SDK (lib/client) for API tests. Every
 * call goes through the SDK's `prepare` (request id, envelope, headers) and `send` (HTTP, opening
 * the `{data, publicKey}` answer); the adapter adds what only tests need:
 *
 * - calls return status and parsed body instead of throwing, so attack tests can assert on refusals;
 * - every call takes overrides to build those attacks (other headers, raw body, another ts, another
 *   envelope key ...), applied to the SDK's prepared request before it is sent;
 * - `sharedKey()` is synchronous and `lastRequestId` remembers the request id for replays.
 */

export type TWebauthnFamily = TFamily;
export type TTarget = { tenantId?: string; communityId: string; dns: string };

/** The 000 error format. */
export type TWebauthnErrorBody = { statusCode: number; error: string; message: string };
type TStatus = { status: 'ok'; errorMessage: ''; sessionInfo: string };
export type TAttestationOptionsBody = PublicKeyCredentialCreationOptionsJSON & TStatus;
export type TAssertionOptionsBody = PublicKeyCredentialRequestOptionsJSON & TStatus;
export type TAttestationResultBody = { sub: string; status: 'ok'; errorMessage: ''; username: string; credentialId: string; aaguid: string; created: boolean };
export type TAssertionResultBody = { sub: string; status: 'ok'; errorMessage: ''; username: string; credentialId: string; aaguid: string; userVerified: boolean };
export type TUnregisterBody = { status: 'ok'; errorMessage: ''; removed: number };

export type TWebauthnResponse<T> = {
  status: number;
  headers: Headers;
  /** The plain JSON answer (errors are never enveloped). */
  raw: unknown;
  /** The answer: opened when it is an envelope, else `raw`. */
  body: T | TWebauthnErrorBody | undefined;
  data: T;
};

export type TCallOverrides = {
  /** Request id fields (ts in unix seconds). */
  requestId?: Partial<{ ts: number; uuid: string; appid: string }>;
  /** Send this exact requestid header value (plain or ciphertext, as given). */
  requestIdHeader?: string;
  /** License key to present instead of the client's. */
  licenseKey?: string;
  /** Extra or overriding headers; null removes one. */
  headers?: Record<string, string | null>;
  /** Raw body sent verbatim as application/json. */
  rawBody?: string;
  /** Encrypt the payload/headers with this key instead of the one shared with the service. */
  envelopeKey?: Buffer;
};

export type TWebauthnClient = {
  readonly publicKey: string;
  readonly appid: string;
  /** The last request id sent (to replay it). */
  readonly lastRequestId: { ts: number; uuid: string; appid: string } | undefined;
  /** The SDK client underneath. */
  readonly sdk: TLatchkeyClient;
  sharedKey(): Buffer;
  call<T>(method: 'POST' | 'DELETE', path: string, family: TWebauthnFamily, payload: unknown, overrides?: TCallOverrides): Promise<TWebauthnResponse<T>>;
  attestationOptions(family: TWebauthnFamily, payload: TTarget & { username: string; displayName?: string; attestation?: string }, o?: TCallOverrides): Promise<TWebauthnResponse<TAttestationOptionsBody>>;
  attestationResult(family: TWebauthnFamily, sessionInfo: string | null, payload: TTarget & RegistrationResponseJSON, o?: TCallOverrides): Promise<TWebauthnResponse<TAttestationResultBody>>;
  assertionOptions(family: TWebauthnFamily, payload: TTarget & { username?: string; dguid?: string }, o?: TCallOverrides): Promise<TWebauthnResponse<TAssertionOptionsBody>>;
  assertionResult(family: TWebauthnFamily, sessionInfo: string | null, payload: TTarget & AuthenticationResponseJSON, o?: TCallOverrides): Promise<TWebauthnResponse<TAssertionResultBody>>;
  unregister(family: TWebauthnFamily, path: { communityId: string; userId?: string; identifier: string }, o?: TCallOverrides): Promise<TWebauthnResponse<TUnregisterBody>>;
};

export function createWebauthnClient(options: { baseUrl: string; licenseKey: string; servicePublicKey: string; appid?: string }): TWebauthnClient {
  const appid = options.appid ?? 'com.example.latchkey-tests';
  const sdk = createLatchkeyClient({ baseUrl: options.baseUrl, licenseKey: options.licenseKey, appId: appid, servicePublicKey: options.servicePublicKey });
  const key = deriveSharedKey({ curve: sdk.curve, privateScalar: Buffer.from(sdk.keyPair.privateKey, 'base64') }, options.servicePublicKey);
  let lastRequestId: TWebauthnClient['lastRequestId'];

  const client: TWebauthnClient = {
    publicKey: sdk.publicKey,
    appid,
    sdk,
    get lastRequestId() {
      return lastRequestId;
    },
    sharedKey: () => key,

    async call<T>(method: 'POST' | 'DELETE', path: string, family: TWebauthnFamily, payload: unknown, o: TCallOverrides = {}): Promise<TWebauthnResponse<T>> {
      const req = await sdk.prepare({ method, path, family, payload }, { requestId: o.requestId, licenseKey: o.licenseKey, envelopeKey: o.envelopeKey });
      lastRequestId = req.requestId;
      // The SDK sends `accept`; the original test client did not, and the tests compare nothing on it.
      if (o.requestIdHeader !== undefined) req.headers.requestid = o.requestIdHeader;
      if (o.rawBody !== undefined) {
        req.body = o.rawBody;
        req.headers['content-type'] = 'application/json';
      }
      for (const [name, value] of Object.entries(o.headers ?? {})) {
        if (value === null) delete req.headers[name];
        else req.headers[name] = value;
      }
      const res = await sdk.send<T>(req);
      return { status: res.status, headers: res.headers, raw: res.raw, body: res.data, data: res.data };
    },

    attestationOptions: (family, payload, o) => client.call('POST', webauthnPath(family, 'attestation', 'options'), family, payload, o),
    attestationResult: (family, sessionInfo, payload, o) => client.call('POST', webauthnPath(family, 'attestation', 'result'), family, payload, withSessionInfo(sessionInfo, o)),
    assertionOptions: (family, payload, o) => client.call('POST', webauthnPath(family, 'assertion', 'options'), family, payload, o),
    assertionResult: (family, sessionInfo, payload, o) => client.call('POST', webauthnPath(family, 'assertion', 'result'), family, payload, withSessionInfo(sessionInfo, o)),
    unregister: (family, p, o) => client.call('DELETE', unregisterPath(p), family, undefined, o),
  };
  return client;
}

function withSessionInfo(sessionInfo: string | null, o: TCallOverrides = {}): TCallOverrides {
  return sessionInfo === null ? o : { ...o, headers: { sessioninfo: sessionInfo, ...o.headers } };
}
