import crypto, { type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { encodeCBOR, type CBORType } from '@levischuck/tiny-cbor';
import type {
  AuthenticationExtensionsClientOutputs,
  AuthenticationResponseJSON,
  AuthenticatorAttachment,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

/**
 * A software WebAuthn authenticator (plus the client-side half of a browser) for API tests,
 * benchmarks and attack tests. It produces real responses — CBOR attestation objects, COSE keys,
 * authenticator data and signatures made with `node:crypto` — that `@simplewebauthn/server`
 * accepts when nothing is tampered with, and it exposes a knob or a hook for every part of a
 * response so attack tests can break exactly one thing at a time.
 *
 * References are to W3C Web Authentication Level 3 (https://www.w3.org/TR/webauthn-3/).
 *
 * Deliberate differences from a browser: the RP ID is not checked against the origin, the options'
 * challenge and user.id are echoed verbatim (not decoded and re-encoded), and a fixed `alg` is used
 * even when the options do not offer it — all so attack tests can send what a browser never would.
 */

/** COSE algorithm identifiers implemented here (IANA "COSE Algorithms" registry). */
export const COSE_ALG = { ES256: -7, EdDSA: -8, RS256: -257 } as const;
export type TCoseAlg = (typeof COSE_ALG)[keyof typeof COSE_ALG];
export const SUPPORTED_COSE_ALGS: readonly TCoseAlg[] = [COSE_ALG.ES256, COSE_ALG.EdDSA, COSE_ALG.RS256];

/** Attestation statement formats implemented here: §8.7 `none` and §8.2 `packed` self attestation. */
export type TAttestationFormat = 'none' | 'packed';

/** §5.8.4 AuthenticatorTransport values (not exported by @simplewebauthn/server v14). */
export type TTransport = 'ble' | 'cable' | 'hybrid' | 'internal' | 'nfc' | 'smart-card' | 'usb';

/** The all-zero AAGUID, as reported by authenticators that do not identify their model (§6.5.1). */
export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** Authenticator data flag bits (§6.1 table "flags"). */
export const AUTH_DATA_FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;

/** Errors the way a browser would reject the ceremony (DOMException names, §5.1.3 / §5.1.4). */
export type TSoftAuthenticatorErrorName = 'NotAllowedError' | 'InvalidStateError' | 'NotSupportedError' | 'DataError';

export class SoftAuthenticatorError extends Error {
  override readonly name: TSoftAuthenticatorErrorName;
  constructor(name: TSoftAuthenticatorErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

export type TSoftAuthenticatorOptions = {
  /** AAGUID (UUID) written into attested credential data. Default {@link ZERO_AAGUID}. */
  aaguid?: string;
  /** Fix the credential algorithm; otherwise the first supported entry of `pubKeyCredParams`. */
  alg?: TCoseAlg;
  /** BE flag (§6.1.3) of credentials created by this authenticator. Default false. */
  backupEligible?: boolean;
  /**
   * BS flag (§6.1.3) of credentials created by this authenticator. Default false. BS without BE
   * is invalid per §6.1.3 but allowed here so attack tests can send it.
   */
  backupState?: boolean;
  /** Whether the authenticator verifies the user, i.e. sets UV. Default true. */
  userVerification?: boolean;
  /**
   * Signature counter behaviour (§6.1.1): `'increment'` (default) adds 1 per assertion;
   * `'zero'` always reports 0, like synced passkey providers do.
   */
  counter?: 'increment' | 'zero';
  /** `authenticatorAttachment` reported in responses. Default `'platform'`. */
  attachment?: AuthenticatorAttachment;
  /** Transports reported at registration. Default `['internal', 'hybrid']` for platform, `['usb']` otherwise. */
  transports?: TTransport[];
};

/** The collected client data before serialisation (§5.8.1). */
export type TCollectedClientData = {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
  topOrigin?: string;
  [member: string]: unknown;
};

/** Explicit flag values that override what the authenticator would set (§6.1 "flags"). */
export type TFlagOverrides = Partial<Record<'up' | 'uv' | 'be' | 'bs' | 'at' | 'ed', boolean>>;

/** Knobs shared by both ceremonies. Everything except `origin` is optional. */
export type TCeremonyOptions = {
  /** Origin of the calling page, written into client data. */
  origin: string;
  /**
   * RP ID whose SHA-256 goes into authenticator data. Default: the options' RP ID (or the origin's
   * host when absent). Overriding it only changes the hash; the credential stays scoped to the
   * options' RP ID.
   */
  rpId?: string;
  /** `crossOrigin` member of client data (§5.8.1). Default false, always emitted like Chrome does. */
  crossOrigin?: boolean;
  /** `topOrigin` member of client data, emitted only when given (§5.8.1). */
  topOrigin?: string;
  /** Challenge written into client data. Default: the options' challenge, verbatim. */
  challenge?: string;
  /** Client data `type`. Default `webauthn.create` / `webauthn.get`. */
  type?: string;
  /** Flag overrides applied last (e.g. `{ up: false }`, `{ bs: true, be: false }`). */
  flags?: TFlagOverrides;
  /** Authenticator extension outputs (§9), CBOR-encoded after the other fields; sets ED. */
  extensions?: Map<string, CBORType>;
  /**
   * Last-chance edit of the collected client data: return a new object (members are serialised in
   * insertion order) or a string to use verbatim as clientDataJSON (e.g. malformed JSON).
   */
  mutateClientData?: (data: TCollectedClientData) => Record<string, unknown> | string;
  /** Last-chance edit of the authenticator data bytes. Runs before signing, so signatures stay valid. */
  mutateAuthenticatorData?: (authData: Uint8Array) => Uint8Array;
  /** Flip a bit of the signature (attStmt.sig for `packed`, the assertion signature for `get`). */
  tamperSignature?: boolean;
};

export type TRegisterOptions = TCeremonyOptions & {
  /** Attestation statement format. Default `'none'`. */
  fmt?: TAttestationFormat;
  /** UV flag for this ceremony. Default: the authenticator's `userVerification`. */
  userVerified?: boolean;
  /** Use this credential ID (base64url) instead of 16 random bytes, e.g. to re-register a known ID. */
  credentialId?: string;
  /** Store as a discoverable credential. Default: `residentKey` is `required` or `preferred`. */
  discoverable?: boolean;
  /** `alg` member of a packed attestation statement. Default: the credential's algorithm. */
  attestationAlg?: number;
  /** Create a credential even if the options' `excludeCredentials` names one this authenticator holds. */
  ignoreExcludeCredentials?: boolean;
};

export type TAuthenticateOptions = TCeremonyOptions & {
  /** Which stored credential to use (base64url ID); it need not be scoped to the options' RP ID. */
  credentialId?: string;
  /** Report this signCount once instead of the authenticator's counter (which is left as it was). */
  counter?: number;
  /** UV flag for this ceremony. Default: the authenticator's `userVerification`. */
  userVerified?: boolean;
  /** `userHandle` to report; `null` omits it. Default: the user ID for discoverable credentials. */
  userHandle?: string | null;
};

/** Public, read-only view of a stored credential. */
export type TSoftCredential = {
  readonly id: string;
  readonly rpId: string;
  /** base64url `user.id` from registration, or null when unknown. */
  readonly userHandle: string | null;
  readonly userName: string | null;
  readonly discoverable: boolean;
  readonly alg: TCoseAlg;
  /** COSE_Key (§6.5.1.1) bytes, as a server stores them. */
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly counter: number;
  readonly backupEligible: boolean;
  readonly backupState: boolean;
};

/** JSON-serialisable form of a credential, for moving credentials between authenticators or processes. */
export type TSoftCredentialExport = {
  id: string;
  rpId: string;
  userHandle: string | null;
  userName: string | null;
  discoverable: boolean;
  alg: TCoseAlg;
  /** Private key as a JWK (the fastest format for `node:crypto` to import). */
  privateKey: JsonWebKey;
  /** COSE_Key, base64url. */
  publicKey: string;
  counter: number;
  backupEligible: boolean;
  backupState: boolean;
};

/** Options to mint a credential directly, without a registration ceremony (bench seeding). */
export type TGenerateCredentialOptions = {
  rpId: string;
  alg?: TCoseAlg;
  /** base64url user handle. Default: 16 random bytes. */
  userHandle?: string | null;
  userName?: string | null;
  discoverable?: boolean;
  backupEligible?: boolean;
  backupState?: boolean;
  counter?: number;
  /** base64url credential ID. Default: 16 random bytes. */
  credentialId?: string;
};

export type TSoftAuthenticator = {
  /** Snapshot of the stored credentials, oldest first. */
  readonly credentials: readonly TSoftCredential[];
  /** navigator.credentials.create() + authenticatorMakeCredential (§5.1.3, §6.3.2). */
  register(options: PublicKeyCredentialCreationOptionsJSON, ceremony: TRegisterOptions): RegistrationResponseJSON;
  /** navigator.credentials.get() + authenticatorGetAssertion (§5.1.4, §6.3.3). */
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, ceremony: TAuthenticateOptions): AuthenticationResponseJSON;
  /** Mint and store a credential without a ceremony; returns its export (with the COSE public key). */
  createCredential(options: TGenerateCredentialOptions): TSoftCredentialExport;
  exportCredential(id: string): TSoftCredentialExport;
  /** Store an exported credential (replacing one with the same ID). Returns the authenticator for chaining. */
  importCredential(credential: TSoftCredentialExport): TSoftAuthenticator;
  importCredentials(credentials: Iterable<TSoftCredentialExport>): TSoftAuthenticator;
  removeCredential(id: string): boolean;
};

type TStoredCredential = {
  id: string;
  rpId: string;
  userHandle: string | null;
  userName: string | null;
  discoverable: boolean;
  alg: TCoseAlg;
  privateJwk: JsonWebKey;
  /** Imported lazily: a JWK import costs ~30–65 µs, which matters when importing 100k credentials. */
  privateKey: KeyObject | null;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  backupEligible: boolean;
  backupState: boolean;
};

type TKeyPair = { alg: TCoseAlg; privateKey: KeyObject; privateJwk: JsonWebKey };

const CREDENTIAL_ID_BYTES = 16;
const RSA_MODULUS_BITS = 2048;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------------------------
// Encoding building blocks, exported for attack tests that assemble responses by hand.
// ---------------------------------------------------------------------------------------------

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

export function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(value, 'base64url'));
}

export function sha256(data: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(crypto.createHash('sha256').update(data).digest());
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export function aaguidToBytes(aaguid: string): Uint8Array<ArrayBuffer> {
  if (!UUID_PATTERN.test(aaguid)) throw new TypeError(`AAGUID must be a UUID, got "${aaguid}"`);
  return new Uint8Array(Buffer.from(aaguid.replaceAll('-', ''), 'hex'));
}

/**
 * COSE_Key of a public key (§6.5.1.1, RFC 9053 §7 / RFC 8230 §4). Map members are inserted in
 * CTAP2 canonical order (kty, alg, then the negative labels), which is what authenticators emit.
 */
export function encodeCoseKey(alg: TCoseAlg, jwk: JsonWebKey): Uint8Array<ArrayBuffer> {
  const bytes = (v: string | undefined, name: string) => {
    if (!v) throw new TypeError(`JWK is missing "${name}"`);
    return fromBase64Url(v);
  };
  const key = new Map<number, CBORType>();
  switch (alg) {
    case COSE_ALG.ES256: // kty EC2 (2), crv P-256 (1)
      key.set(1, 2).set(3, alg).set(-1, 1).set(-2, bytes(jwk.x, 'x')).set(-3, bytes(jwk.y, 'y'));
      break;
    case COSE_ALG.EdDSA: // kty OKP (1), crv Ed25519 (6)
      key.set(1, 1).set(3, alg).set(-1, 6).set(-2, bytes(jwk.x, 'x'));
      break;
    case COSE_ALG.RS256: // kty RSA (3), n, e
      key.set(1, 3).set(3, alg).set(-1, bytes(jwk.n, 'n')).set(-2, bytes(jwk.e, 'e'));
      break;
  }
  return new Uint8Array(encodeCBOR(key));
}

export type TAuthenticatorDataParts = {
  rpId: string;
  /** Flags byte; see {@link AUTH_DATA_FLAGS}. AT/ED are not derived from the other fields. */
  flags: number;
  signCount: number;
  /** Attested credential data (§6.5.1); include only with the AT flag for a well-formed result. */
  attestedCredentialData?: { aaguid: Uint8Array; credentialId: Uint8Array; credentialPublicKey: Uint8Array };
  /** Extension outputs map (§9); include only with the ED flag for a well-formed result. */
  extensions?: Map<string, CBORType>;
};

/** Authenticator data (§6.1): rpIdHash ‖ flags ‖ signCount (u32 big-endian) ‖ [attestedCredentialData] ‖ [extensions]. */
export function encodeAuthenticatorData(parts: TAuthenticatorDataParts): Uint8Array<ArrayBuffer> {
  const head = new Uint8Array(37);
  head.set(sha256(parts.rpId), 0);
  head[32] = parts.flags & 0xff;
  new DataView(head.buffer).setUint32(33, parts.signCount >>> 0, false);
  const chunks: Uint8Array[] = [head];
  const acd = parts.attestedCredentialData;
  if (acd) {
    if (acd.aaguid.byteLength !== 16) throw new TypeError('AAGUID must be 16 bytes');
    const idLength = new Uint8Array(2);
    new DataView(idLength.buffer).setUint16(0, acd.credentialId.byteLength, false);
    chunks.push(acd.aaguid, idLength, acd.credentialId, acd.credentialPublicKey);
  }
  if (parts.extensions) chunks.push(encodeCBOR(parts.extensions));
  return concatBytes(...chunks);
}

/** Attestation object (§6.5.4): CBOR map {fmt, attStmt, authData}, keys in CTAP2 canonical order. */
export function encodeAttestationObject(fmt: string, attStmt: Map<string, CBORType>, authData: Uint8Array): Uint8Array<ArrayBuffer> {
  const map = new Map<string, CBORType>().set('fmt', fmt).set('attStmt', attStmt).set('authData', authData);
  return new Uint8Array(encodeCBOR(map));
}

/**
 * Signature over `data` in the WebAuthn wire format (§6.5.5): ASN.1 DER ECDSA for ES256, raw
 * 64-byte Ed25519 for EdDSA, RSASSA-PKCS1-v1_5 with SHA-256 for RS256.
 */
export function signWebAuthn(alg: TCoseAlg, privateKey: KeyObject, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const digest = alg === COSE_ALG.EdDSA ? null : 'sha256';
  return new Uint8Array(crypto.sign(digest, data, privateKey));
}

/** Flip the lowest bit of the last byte: keeps DER well-formed for ECDSA, always breaks the signature. */
function tamper(signature: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(signature);
  copy[copy.length - 1]! ^= 0x01;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

const generateKeyPairAsync = promisify(crypto.generateKeyPair);

function keyGenArgs(alg: TCoseAlg): ['ec', { namedCurve: 'P-256' }] | ['ed25519', Record<string, never>] | ['rsa', { modulusLength: number }] {
  switch (alg) {
    case COSE_ALG.ES256:
      return ['ec', { namedCurve: 'P-256' }];
    case COSE_ALG.EdDSA:
      return ['ed25519', {}];
    case COSE_ALG.RS256:
      return ['rsa', { modulusLength: RSA_MODULUS_BITS }];
  }
}

function generateKeyPair(alg: TCoseAlg): TKeyPair {
  const [type, options] = keyGenArgs(alg);
  // The overloads of generateKeyPairSync are per key type; the union of argument tuples needs a cast.
  const { privateKey } = (crypto.generateKeyPairSync as (t: string, o: object) => { privateKey: KeyObject })(type, options);
  return { alg, privateKey, privateJwk: privateKey.export({ format: 'jwk' }) };
}

async function generateKeyPairInPool(alg: TCoseAlg): Promise<TKeyPair> {
  const [type, options] = keyGenArgs(alg);
  const { privateKey } = await (generateKeyPairAsync as (t: string, o: object) => Promise<{ privateKey: KeyObject }>)(type, options);
  return { alg, privateKey, privateJwk: privateKey.export({ format: 'jwk' }) };
}

function publicJwk(jwk: JsonWebKey): JsonWebKey {
  const { kty, crv, x, y, n, e } = jwk;
  return Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined));
}

function randomId(): string {
  return crypto.randomBytes(CREDENTIAL_ID_BYTES).toString('base64url');
}

function isSupportedAlg(alg: unknown): alg is TCoseAlg {
  return SUPPORTED_COSE_ALGS.includes(alg as TCoseAlg);
}

function credentialFromKeyPair(pair: TKeyPair, options: TGenerateCredentialOptions): TStoredCredential {
  return {
    id: options.credentialId ?? randomId(),
    rpId: options.rpId,
    userHandle: options.userHandle === undefined ? randomId() : options.userHandle,
    userName: options.userName ?? null,
    discoverable: options.discoverable ?? true,
    alg: pair.alg,
    privateJwk: pair.privateJwk,
    privateKey: pair.privateKey,
    publicKey: encodeCoseKey(pair.alg, pair.privateJwk),
    counter: options.counter ?? 0,
    backupEligible: options.backupEligible ?? false,
    backupState: options.backupState ?? false,
  };
}

function toExport(c: TStoredCredential): TSoftCredentialExport {
  return {
    id: c.id,
    rpId: c.rpId,
    userHandle: c.userHandle,
    userName: c.userName,
    discoverable: c.discoverable,
    alg: c.alg,
    privateKey: { ...c.privateJwk },
    publicKey: toBase64Url(c.publicKey),
    counter: c.counter,
    backupEligible: c.backupEligible,
    backupState: c.backupState,
  };
}

function fromExport(e: TSoftCredentialExport): TStoredCredential {
  if (!isSupportedAlg(e.alg)) throw new TypeError(`unsupported credential alg ${String(e.alg)}`);
  return {
    id: trimPadding(e.id),
    rpId: e.rpId,
    userHandle: e.userHandle,
    userName: e.userName,
    discoverable: e.discoverable,
    alg: e.alg,
    privateJwk: { ...e.privateKey },
    privateKey: null,
    publicKey: fromBase64Url(e.publicKey),
    counter: e.counter,
    backupEligible: e.backupEligible,
    backupState: e.backupState,
  };
}

/**
 * Mint a credential without a ceremony (synchronous). Measured on one core (Node 20): about
 * 75 µs for ES256, 47 µs for EdDSA, 115 ms for RS256 (RSA-2048 prime search dominates). Store the
 * result's `publicKey` (COSE) server-side and `importCredential` it into an authenticator.
 */
export function generateSoftCredential(options: TGenerateCredentialOptions): TSoftCredentialExport {
  return toExport(credentialFromKeyPair(generateKeyPair(options.alg ?? COSE_ALG.ES256), options));
}

/**
 * Mint `count` credentials with key generation spread over libuv's thread pool (4 threads
 * unless UV_THREADPOOL_SIZE is set before the first pool use). `options` may be a function of the
 * index, e.g. to give each credential its own user handle; it is called once per credential.
 */
export async function generateSoftCredentials(
  count: number,
  options: TGenerateCredentialOptions | ((index: number) => TGenerateCredentialOptions),
  batchSize = 1024,
): Promise<TSoftCredentialExport[]> {
  const optionsAt = typeof options === 'function' ? options : () => options;
  const out: TSoftCredentialExport[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => optionsAt(start + i));
    const pairs = await Promise.all(batch.map((o) => generateKeyPairInPool(o.alg ?? COSE_ALG.ES256)));
    pairs.forEach((pair, i) => out.push(toExport(credentialFromKeyPair(pair, batch[i]!))));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The authenticator
// ---------------------------------------------------------------------------------------------

function trimPadding(b64url: string): string {
  return b64url.replace(/=+$/, '');
}

/** What a browser uses when the options omit the RP ID: the origin's effective domain (§5.1.3 step 7). */
function defaultRpId(rpId: string | undefined, origin: string): string {
  if (rpId) return rpId;
  try {
    return new URL(origin).hostname;
  } catch {
    throw new SoftAuthenticatorError('DataError', `origin "${origin}" is not a URL and the options carry no RP ID`);
  }
}

function flagsByte(base: Required<TFlagOverrides>, overrides: TFlagOverrides | undefined): number {
  const f = { ...base, ...overrides };
  return (
    (f.up ? AUTH_DATA_FLAGS.UP : 0) |
    (f.uv ? AUTH_DATA_FLAGS.UV : 0) |
    (f.be ? AUTH_DATA_FLAGS.BE : 0) |
    (f.bs ? AUTH_DATA_FLAGS.BS : 0) |
    (f.at ? AUTH_DATA_FLAGS.AT : 0) |
    (f.ed ? AUTH_DATA_FLAGS.ED : 0)
  );
}

/**
 * Client data JSON (§5.8.1). Members are serialised in the order of §5.8.1.1's limited
 * verification algorithm: type, challenge, origin, crossOrigin, then topOrigin when present.
 */
function buildClientDataJSON(type: string, challenge: string, ceremony: TCeremonyOptions): Uint8Array<ArrayBuffer> {
  const data: TCollectedClientData = { type, challenge, origin: ceremony.origin, crossOrigin: ceremony.crossOrigin ?? false };
  if (ceremony.topOrigin !== undefined) data.topOrigin = ceremony.topOrigin;
  const final = ceremony.mutateClientData ? ceremony.mutateClientData(data) : data;
  return new Uint8Array(Buffer.from(typeof final === 'string' ? final : JSON.stringify(final), 'utf8'));
}

function transportsFor(options: TSoftAuthenticatorOptions): TTransport[] {
  if (options.transports) return [...options.transports];
  return (options.attachment ?? 'platform') === 'platform' ? ['internal', 'hybrid'] : ['usb'];
}

/**
 * Create a software authenticator. See {@link TSoftAuthenticatorOptions} for its behaviour and
 * {@link TRegisterOptions} / {@link TAuthenticateOptions} for the per-ceremony knobs.
 *
 * Throws {@link SoftAuthenticatorError} where a browser would reject: `NotSupportedError` (no
 * supported algorithm offered), `InvalidStateError` (an excluded credential is present),
 * `NotAllowedError` (no usable credential for an assertion).
 */
export function createSoftAuthenticator(options: TSoftAuthenticatorOptions = {}): TSoftAuthenticator {
  const aaguid = aaguidToBytes(options.aaguid ?? ZERO_AAGUID);
  const userVerification = options.userVerification ?? true;
  const counterMode = options.counter ?? 'increment';
  const attachment = options.attachment ?? 'platform';
  const store = new Map<string, TStoredCredential>();

  const keyOf = (c: TStoredCredential): KeyObject => (c.privateKey ??= crypto.createPrivateKey({ key: c.privateJwk, format: 'jwk' }));

  const chooseAlg = (creation: PublicKeyCredentialCreationOptionsJSON): TCoseAlg => {
    if (options.alg !== undefined) return options.alg;
    const params = creation.pubKeyCredParams ?? [];
    // §5.4 pubKeyCredParams: an empty list means "ES256 and RS256"; order is the RP's preference.
    if (params.length === 0) return COSE_ALG.ES256;
    const match = params.find((p) => p.type === 'public-key' && isSupportedAlg(p.alg));
    if (!match) throw new SoftAuthenticatorError('NotSupportedError', `none of the offered algorithms is supported: ${params.map((p) => p.alg).join(', ')}`);
    return match.alg as TCoseAlg;
  };

  const authenticator: TSoftAuthenticator = {
    get credentials() {
      return [...store.values()].map((c) =>
        Object.freeze({
          id: c.id,
          rpId: c.rpId,
          userHandle: c.userHandle,
          userName: c.userName,
          discoverable: c.discoverable,
          alg: c.alg,
          publicKey: new Uint8Array(c.publicKey),
          counter: c.counter,
          backupEligible: c.backupEligible,
          backupState: c.backupState,
        }),
      );
    },

    register(creation, ceremony) {
      const scopeRpId = defaultRpId(creation.rp.id, ceremony.origin);
      // §6.3.2 step 3: an authenticator holding an excluded credential for this RP refuses.
      if (!ceremony.ignoreExcludeCredentials) {
        for (const excluded of creation.excludeCredentials ?? []) {
          const held = store.get(trimPadding(excluded.id));
          if (held && held.rpId === scopeRpId) throw new SoftAuthenticatorError('InvalidStateError', `credential ${held.id} is excluded`);
        }
      }
      const alg = chooseAlg(creation);
      const selection = creation.authenticatorSelection;
      const residentKey = selection?.residentKey ?? (selection?.requireResidentKey ? 'required' : 'discouraged');
      const credential = credentialFromKeyPair(generateKeyPair(alg), {
        rpId: scopeRpId,
        credentialId: ceremony.credentialId === undefined ? undefined : trimPadding(ceremony.credentialId),
        userHandle: creation.user.id,
        userName: creation.user.name,
        discoverable: ceremony.discoverable ?? residentKey !== 'discouraged',
        backupEligible: options.backupEligible ?? false,
        backupState: options.backupState ?? false,
      });
      const credentialIdBytes = fromBase64Url(credential.id);

      let authData = encodeAuthenticatorData({
        rpId: ceremony.rpId ?? scopeRpId,
        flags: flagsByte(
          {
            up: true,
            uv: ceremony.userVerified ?? userVerification,
            be: credential.backupEligible,
            bs: credential.backupState,
            at: true,
            ed: ceremony.extensions !== undefined,
          },
          ceremony.flags,
        ),
        signCount: credential.counter,
        attestedCredentialData: { aaguid, credentialId: credentialIdBytes, credentialPublicKey: credential.publicKey },
        extensions: ceremony.extensions,
      });
      if (ceremony.mutateAuthenticatorData) authData = new Uint8Array(ceremony.mutateAuthenticatorData(authData));

      const clientDataJSON = buildClientDataJSON(ceremony.type ?? 'webauthn.create', ceremony.challenge ?? creation.challenge, ceremony);
      const fmt = ceremony.fmt ?? 'none';
      const attStmt = new Map<string, CBORType>();
      if (fmt === 'packed') {
        // §8.2 self attestation: no x5c; sig over authData ‖ clientDataHash with the credential key.
        const sig = signWebAuthn(alg, keyOf(credential), concatBytes(authData, sha256(clientDataJSON)));
        attStmt.set('alg', ceremony.attestationAlg ?? alg).set('sig', ceremony.tamperSignature ? tamper(sig) : sig);
      }
      store.delete(credential.id);
      store.set(credential.id, credential);

      const clientExtensionResults: AuthenticationExtensionsClientOutputs = {};
      // §10.1.3 credProps: the client reports whether it created a discoverable credential.
      if (creation.extensions?.credProps) clientExtensionResults.credProps = { rk: credential.discoverable };

      const spki = crypto.createPublicKey({ key: publicJwk(credential.privateJwk), format: 'jwk' }).export({ format: 'der', type: 'spki' });
      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: toBase64Url(clientDataJSON),
          attestationObject: toBase64Url(encodeAttestationObject(fmt, attStmt, authData)),
          authenticatorData: toBase64Url(authData),
          transports: transportsFor(options),
          publicKeyAlgorithm: alg,
          publicKey: toBase64Url(spki),
        },
        authenticatorAttachment: attachment,
        clientExtensionResults,
      };
    },

    authenticate(request, ceremony) {
      const scopeRpId = defaultRpId(request.rpId, ceremony.origin);
      let credential: TStoredCredential | undefined;
      if (ceremony.credentialId !== undefined) {
        credential = store.get(trimPadding(ceremony.credentialId));
        if (!credential) throw new SoftAuthenticatorError('NotAllowedError', `no credential ${ceremony.credentialId}`);
      } else if (request.allowCredentials && request.allowCredentials.length > 0) {
        // §6.3.3 step 2–3: only credentials in the allow list and scoped to the RP ID are candidates.
        credential = request.allowCredentials.map((d) => store.get(trimPadding(d.id))).find((c) => c?.rpId === scopeRpId);
      } else {
        credential = [...store.values()].filter((c) => c.discoverable && c.rpId === scopeRpId).at(-1);
      }
      if (!credential) throw new SoftAuthenticatorError('NotAllowedError', `no usable credential for RP ID "${scopeRpId}"`);

      // §6.1.1: the counter increments before every assertion; synced passkeys report 0.
      let signCount = 0;
      if (counterMode === 'increment') signCount = credential.counter = (credential.counter + 1) >>> 0;
      if (ceremony.counter !== undefined) signCount = ceremony.counter;

      let authData = encodeAuthenticatorData({
        rpId: ceremony.rpId ?? scopeRpId,
        flags: flagsByte(
          {
            up: true,
            uv: ceremony.userVerified ?? userVerification,
            be: credential.backupEligible,
            bs: credential.backupState,
            at: false,
            ed: ceremony.extensions !== undefined,
          },
          ceremony.flags,
        ),
        signCount,
        extensions: ceremony.extensions,
      });
      if (ceremony.mutateAuthenticatorData) authData = new Uint8Array(ceremony.mutateAuthenticatorData(authData));

      const clientDataJSON = buildClientDataJSON(ceremony.type ?? 'webauthn.get', ceremony.challenge ?? request.challenge, ceremony);
      // §6.3.3 step 11: the assertion signature is over authenticatorData ‖ clientDataHash.
      const signature = signWebAuthn(credential.alg, keyOf(credential), concatBytes(authData, sha256(clientDataJSON)));
      const userHandle = ceremony.userHandle !== undefined ? ceremony.userHandle : credential.discoverable ? credential.userHandle : null;

      return {
        id: credential.id,
        rawId: credential.id,
        type: 'public-key',
        response: {
          clientDataJSON: toBase64Url(clientDataJSON),
          authenticatorData: toBase64Url(authData),
          signature: toBase64Url(ceremony.tamperSignature ? tamper(signature) : signature),
          ...(userHandle === null ? {} : { userHandle }),
        },
        authenticatorAttachment: attachment,
        clientExtensionResults: {},
      };
    },

    createCredential(generate) {
      const credential = credentialFromKeyPair(generateKeyPair(generate.alg ?? options.alg ?? COSE_ALG.ES256), {
        ...generate,
        backupEligible: generate.backupEligible ?? options.backupEligible,
        backupState: generate.backupState ?? options.backupState,
      });
      store.delete(credential.id);
      store.set(credential.id, credential);
      return toExport(credential);
    },

    exportCredential(id) {
      const credential = store.get(trimPadding(id));
      if (!credential) throw new SoftAuthenticatorError('NotAllowedError', `no credential ${id}`);
      return toExport(credential);
    },

    importCredential(exported) {
      const credential = fromExport(exported);
      store.delete(credential.id);
      store.set(credential.id, credential);
      return authenticator;
    },

    importCredentials(list) {
      for (const exported of list) authenticator.importCredential(exported);
      return authenticator;
    },

    removeCredential(id) {
      return store.delete(trimPadding(id));
    },
  };
  return authenticator;
}
