import crypto from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { decrypt, encrypt, parsePublicKey, sharedKey } from '../../lib/envelope/envelope';
import { generateEnvelopeKeyPair } from '../../lib/envelope/service-key';

/**
 * A small typed client for the spec 000 ceremony and unregister calls under /webauthn, for API
 * tests. It holds a caller key pair (secp256k1), builds the envelope of WIRE-NOTES §1 for the
 * enveloped calls (`publickey`, `licensekey: ENC`, `requestid: ENC(JSON{ts, uuid, appid})`, body
 * `{data: ENC}`) and opens the `{data, publicKey}` answers; the `u1` calls go in clear.
 *
 * Calls return status and parsed body instead of throwing, so attack tests can assert on refusals.
 * Every call takes overrides to build those attacks (other headers, raw body, another ts ...).
 */

export type TWebauthnFamily = 'enveloped' | 'u1';
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
  sharedKey(): Buffer;
  call<T>(method: 'POST' | 'DELETE', path: string, family: TWebauthnFamily, payload: unknown, overrides?: TCallOverrides): Promise<TWebauthnResponse<T>>;
  attestationOptions(family: TWebauthnFamily, payload: TTarget & { username: string; displayName?: string; attestation?: string }, o?: TCallOverrides): Promise<TWebauthnResponse<TAttestationOptionsBody>>;
  attestationResult(family: TWebauthnFamily, sessionInfo: string | null, payload: TTarget & RegistrationResponseJSON, o?: TCallOverrides): Promise<TWebauthnResponse<TAttestationResultBody>>;
  assertionOptions(family: TWebauthnFamily, payload: TTarget & { username?: string; dguid?: string }, o?: TCallOverrides): Promise<TWebauthnResponse<TAssertionOptionsBody>>;
  assertionResult(family: TWebauthnFamily, sessionInfo: string | null, payload: TTarget & AuthenticationResponseJSON, o?: TCallOverrides): Promise<TWebauthnResponse<TAssertionResultBody>>;
  unregister(family: TWebauthnFamily, path: { communityId: string; userId?: string; identifier: string }, o?: TCallOverrides): Promise<TWebauthnResponse<TUnregisterBody>>;
};

export function createWebauthnClient(options: { baseUrl: string; licenseKey: string; servicePublicKey: string; appid?: string }): TWebauthnClient {
  const pair = generateEnvelopeKeyPair('secp256k1');
  const key = sharedKey({ curve: 'secp256k1', privateKey: pair.privateKey, peerPublicKey: parsePublicKey(options.servicePublicKey, 'secp256k1') });
  const appid = options.appid ?? 'com.example.latchkey-tests';
  let lastRequestId: TWebauthnClient['lastRequestId'];

  const client: TWebauthnClient = {
    publicKey: pair.publicKey,
    appid,
    get lastRequestId() {
      return lastRequestId;
    },
    sharedKey: () => key,

    async call<T>(method: 'POST' | 'DELETE', path: string, family: TWebauthnFamily, payload: unknown, o: TCallOverrides = {}): Promise<TWebauthnResponse<T>> {
      const encKey = o.envelopeKey ?? key;
      const rid = { ts: Math.floor(Date.now() / 1000), uuid: crypto.randomUUID(), appid, ...o.requestId };
      lastRequestId = rid;
      const license = o.licenseKey ?? options.licenseKey;
      const headers: Record<string, string> = {};
      if (family === 'enveloped') {
        headers.publickey = pair.publicKey;
        headers.licensekey = encrypt({ key: encKey, plaintext: license });
        headers.requestid = o.requestIdHeader ?? encrypt({ key: encKey, plaintext: JSON.stringify(rid) });
      } else {
        headers.licensekey = license;
        headers.requestid = o.requestIdHeader ?? JSON.stringify(rid);
      }
      let body: string | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (payload !== undefined) body = JSON.stringify(family === 'enveloped' ? { data: encrypt({ key: encKey, plaintext: JSON.stringify(payload) }) } : payload);
      if (body !== undefined) headers['content-type'] = 'application/json';
      for (const [name, value] of Object.entries(o.headers ?? {})) {
        if (value === null) delete headers[name];
        else headers[name] = value;
      }
      const res = await fetch(`${options.baseUrl}${path}`, { method, headers, body });
      const text = await res.text();
      let raw: unknown;
      try {
        raw = text ? JSON.parse(text) : undefined;
      } catch {
        raw = text;
      }
      let opened: unknown = raw;
      const envelope = raw as { data?: unknown; publicKey?: unknown } | undefined;
      if (res.ok && family === 'enveloped' && typeof envelope?.data === 'string') {
        opened = JSON.parse(decrypt({ key, ciphertext: envelope.data }));
      }
      return { status: res.status, headers: res.headers, raw, body: opened as T, data: opened as T };
    },

    attestationOptions: (family, payload, o) => client.call('POST', `/webauthn/${family === 'u1' ? 'u1/' : ''}attestation/options`, family, payload, o),
    attestationResult: (family, sessionInfo, payload, o) =>
      client.call('POST', `/webauthn/${family === 'u1' ? 'u1/' : ''}attestation/result`, family, payload, withSessionInfo(sessionInfo, o)),
    assertionOptions: (family, payload, o) => client.call('POST', `/webauthn/${family === 'u1' ? 'u1/' : ''}assertion/options`, family, payload, o),
    assertionResult: (family, sessionInfo, payload, o) =>
      client.call('POST', `/webauthn/${family === 'u1' ? 'u1/' : ''}assertion/result`, family, payload, withSessionInfo(sessionInfo, o)),
    unregister: (family, p, o) =>
      client.call(
        'DELETE',
        `/webauthn/unregister/community/${encodeURIComponent(p.communityId)}${p.userId ? `/user/${encodeURIComponent(p.userId)}` : ''}/did_or_fidokey/${encodeURIComponent(p.identifier)}`,
        family,
        undefined,
        o,
      ),
  };
  return client;
}

function withSessionInfo(sessionInfo: string | null, o: TCallOverrides = {}): TCallOverrides {
  return sessionInfo === null ? o : { ...o, headers: { sessioninfo: sessionInfo, ...o.headers } };
}
