import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

/**
 * A small typed client of the FIDO2 API 2.0 (`/fido2/v2`) for the API tests, speaking the wire
 * format of the OpenAPI documents: bodies as the vendor's SDKs send them, answers as they are
 * (status, headers, JSON), so tests can check refusals as closely as successes. The converters
 * turn a WebAuthn JSON credential (the software authenticator's, or @simplewebauthn/browser's)
 * into the 002 shapes, with binary fields as base64url (the dialect's) or standard base64.
 */

export type TEncoding = 'base64url' | 'base64';

export type TDeviceInfo = Partial<{
  clientName: string;
  clientType: 'browser' | 'webview' | 'other';
  clientVersion: string;
  deviceId: string;
  osName: string;
  osVersion: string;
  osArch: string;
  screenWidth: number;
  screenHeight: number;
}>;

export type TAuthInitAnswer = {
  action: 'proceed' | 'crossAuth' | 'fallback';
  assertionOptions: PublicKeyCredentialRequestOptionsJSON;
  crossAuthMethods: string[];
  fallbackMethods: string[];
  passkeyType?: string;
  session: string;
};
export type TRegInitAnswer = { action: string; registrationRequestOptions: PublicKeyCredentialCreationOptionsJSON; session: string };
export type TSignedIn = { deviceId: string; jwtAccess: string; passkeyId: string; userId: string };
export type TTxInitAnswer = { assertionOptions: PublicKeyCredentialRequestOptionsJSON; session: string; txId: string; confirmationUrl: string };
export type TPasskey = { id: string; name: string; aaguid: string; createdAt: string; credentialId: string; credentialSynced: boolean; lastUsedAt?: string; lastUsedFromDevice?: Record<string, unknown>; providerName?: string };
export type TTxCompleteAnswer = { authCred?: TPasskey; credentialId: string; token: string };
export type TFido2Error = { msg: string; msgCode: string };

/** One answer: the status, the headers and the parsed JSON body (undefined when empty). */
export type TAnswer<T> = { status: number; headers: Headers; body: T & TFido2Error };

export type TCallOptions = {
  /** `Authorization: Bearer <token>`. */
  token?: string;
  /** An Authorization header as is (Basic credentials, malformed values), instead of `token`. */
  authorization?: string;
  /** More request headers. */
  headers?: Record<string, string>;
  /** The Origin header; null sends none (a server-to-server call). Default: the client's origin. */
  origin?: string | null;
  /** A body sent verbatim instead of JSON. */
  raw?: BodyInit;
  contentType?: string | null;
};

export function createFido2Client(options: { baseUrl: string; origin?: string | null }) {
  async function call<T>(method: string, path: string, json?: unknown, o: TCallOptions = {}): Promise<TAnswer<T>> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const origin = o.origin === undefined ? (options.origin ?? null) : o.origin;
    if (origin !== null) headers.origin ??= origin;
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    if (o.authorization !== undefined) headers.authorization = o.authorization;
    const hasBody = json !== undefined || o.raw !== undefined;
    const contentType = o.contentType === undefined ? 'application/json' : o.contentType;
    if (hasBody && contentType !== null) headers['content-type'] = contentType;
    const res = await fetch(`${options.baseUrl}/fido2/v2${path}`, { method, headers, body: o.raw ?? (json === undefined ? undefined : JSON.stringify(json)) });
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = { text };
    }
    return { status: res.status, headers: res.headers, body: body as T & TFido2Error };
  }
  return {
    call,
    authInit: (body: unknown, o?: TCallOptions) => call<TAuthInitAnswer>('POST', '/auth/init', body, o),
    authComplete: (body: unknown, o?: TCallOptions) => call<TSignedIn>('POST', '/auth/complete', body, o),
    regInit: (body: unknown, o?: TCallOptions) => call<TRegInitAnswer>('POST', '/reg/init', body, o),
    regComplete: (body: unknown, o?: TCallOptions) => call<TSignedIn>('POST', '/reg/complete', body, o),
    txInit: (body: unknown, o?: TCallOptions) => call<TTxInitAnswer>('POST', '/tx/init', body, o),
    txComplete: (body: unknown, o?: TCallOptions) => call<TTxCompleteAnswer>('POST', '/tx/complete', body, o),
    listPasskeys: (token: string, o?: TCallOptions) => call<TPasskey[]>('GET', '/passkeys', undefined, { ...o, token }),
    renamePasskey: (token: string, id: string, name: unknown, o?: TCallOptions) => call<void>('PUT', `/passkeys/${encodeURIComponent(id)}`, { name }, { ...o, token }),
    deletePasskey: (token: string, id: string, o?: TCallOptions) => call<void>('DELETE', `/passkeys/${encodeURIComponent(id)}`, undefined, { ...o, token }),
    aaguid: (token: string, aaguid: string, o?: TCallOptions) => call<{ id: string; name: string; iconLight: string; iconDark: string }>('GET', `/passkeys/aaguid/${encodeURIComponent(aaguid)}`, undefined, { ...o, token }),
    jwks: () => call<{ keys: Array<Record<string, unknown>> }>('GET', '/.well-known/jwks.json'),
    version: () => call<{ hash?: string; version: string }>('GET', '/version'),
  };
}

export type TFido2Client = ReturnType<typeof createFido2Client>;

/** base64url → the chosen encoding (standard base64 is padded). */
export function encode(value: string, encoding: TEncoding): string {
  return encoding === 'base64url' ? value : Buffer.from(value, 'base64url').toString('base64');
}

/** A registration response as the 002 `CreationResult`. */
export function toCreationResult(json: RegistrationResponseJSON, encoding: TEncoding = 'base64url') {
  const r = json.response;
  return {
    attestationObject: encode(r.attestationObject, encoding),
    clientDataJSON: encode(r.clientDataJSON, encoding),
    credentialId: encode(json.id, encoding),
    ...(r.authenticatorData ? { authenticatorData: encode(r.authenticatorData, encoding) } : {}),
    ...(r.publicKey ? { publicKey: encode(r.publicKey, encoding) } : {}),
    ...(r.publicKeyAlgorithm !== undefined ? { publicKeyAlgorithm: r.publicKeyAlgorithm } : {}),
    ...(r.transports ? { transports: r.transports } : {}),
  };
}

/** An authentication response as the 002 `AuthenticatorAssertionResponse`. */
export function toAssertionResult(json: AuthenticationResponseJSON, encoding: TEncoding = 'base64url') {
  const r = json.response;
  return {
    authenticatorData: encode(r.authenticatorData, encoding),
    clientDataJSON: encode(r.clientDataJSON, encoding),
    credentialId: encode(json.id, encoding),
    signature: encode(r.signature, encoding),
    ...(r.userHandle ? { userHandle: encode(r.userHandle, encoding) } : {}),
  };
}

/** An authentication response as the 002 tx/complete body. */
export function toTxComplete(json: AuthenticationResponseJSON, session: string, encoding: TEncoding = 'base64url') {
  const r = json.response;
  return {
    authenticatorData: encode(r.authenticatorData, encoding),
    clientData: encode(r.clientDataJSON, encoding),
    keyHandle: encode(json.id, encoding),
    signature: encode(r.signature, encoding),
    session,
  };
}
