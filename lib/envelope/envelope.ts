import crypto from 'node:crypto';
import { AppError } from '../errors';
import type { TEnvelopeCurve } from './service-key';

/**
 * The "ECDSA" envelope of the /webauthn and /authn APIs (WIRE-NOTES §1). Despite the name nothing
 * is signed: ECDH key agreement (raw X coordinate, no KDF) plus AES-256-GCM with a 16-byte IV.
 */

export const DEFAULT_ENVELOPE_CURVE: TEnvelopeCurve = 'secp256k1';

/** Both supported curves are 256-bit: 32-byte scalars and coordinates. */
const SCALAR_BYTES = 32;
const IV_BYTES = 16;
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';
/** Standard base64 as on the wire; the URL-safe alphabet and missing padding are tolerated. */
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function decodeBase64(value: string): Buffer | undefined {
  return BASE64.test(value) ? Buffer.from(value, 'base64') : undefined;
}

function invalidKey(detail: string, cause?: unknown): AppError {
  return new AppError('envelope.invalid_key', { detail, cause });
}

/**
 * A public key from the wire as the 65-byte uncompressed SEC1 point (0x04‖X‖Y) that ECDH takes.
 * The wire form is base64 of the 64-byte X‖Y (WIRE-NOTES §1); the 65-byte uncompressed and the
 * 33-byte compressed SEC1 forms are accepted too. The point must lie on `curve`.
 *
 * @throws AppError `envelope.invalid_key`
 */
export function parsePublicKey(b64: string, curve: TEnvelopeCurve = DEFAULT_ENVELOPE_CURVE): Buffer {
  const raw = decodeBase64(b64);
  let point: Buffer | undefined;
  if (raw?.length === 2 * SCALAR_BYTES) point = Buffer.concat([Buffer.of(0x04), raw]);
  else if (raw?.length === 2 * SCALAR_BYTES + 1 && raw[0] === 0x04) point = raw;
  else if (raw?.length === SCALAR_BYTES + 1 && (raw[0] === 0x02 || raw[0] === 0x03)) point = raw;
  if (!point) throw invalidKey(raw ? `public key of ${raw.length} bytes` : 'public key is not base64');
  try {
    // Decoding onto the curve refuses off-curve points (invalid-curve attacks) before any ECDH.
    return crypto.ECDH.convertKey(point, curve, undefined, undefined, 'uncompressed') as Buffer;
  } catch (cause) {
    throw invalidKey(`public key is not a point on ${curve}`, cause);
  }
}

/**
 * A private key from the wire as the 32-byte big-endian scalar. Some clients send 33 bytes (a
 * leading 0x00) or fewer than 32, so the bytes are read as an unsigned integer and left-padded
 * (WIRE-NOTES §1). The scalar must lie in [1, n-1] for `curve`.
 *
 * @throws AppError `envelope.invalid_key`
 */
export function parsePrivateKey(b64: string, curve: TEnvelopeCurve = DEFAULT_ENVELOPE_CURVE): Buffer {
  const raw = decodeBase64(b64);
  if (!raw) throw invalidKey('private key is not base64');
  const firstNonZero = raw.findIndex((byte) => byte !== 0);
  const digits = firstNonZero === -1 ? Buffer.alloc(0) : raw.subarray(firstNonZero);
  if (digits.length === 0 || digits.length > SCALAR_BYTES) throw invalidKey(`private key of ${digits.length} significant bytes`);
  const scalar = Buffer.alloc(SCALAR_BYTES);
  digits.copy(scalar, SCALAR_BYTES - digits.length);
  try {
    crypto.createECDH(curve).setPrivateKey(scalar); // refuses scalars >= the group order
  } catch (cause) {
    throw invalidKey(`private key out of range for ${curve}`, cause);
  }
  return scalar;
}

/**
 * The envelope key: the raw 32-byte X coordinate of ECDH(privateKey, peerPublicKey), with no KDF
 * and no hash (WIRE-NOTES §1). Takes keys as returned by {@link parsePrivateKey} and
 * {@link parsePublicKey}.
 *
 * @throws AppError `envelope.invalid_key`
 */
export function sharedKey(options: { privateKey: Buffer; peerPublicKey: Buffer; curve: TEnvelopeCurve }): Buffer {
  const ecdh = crypto.createECDH(options.curve);
  try {
    ecdh.setPrivateKey(options.privateKey);
    return ecdh.computeSecret(options.peerPublicKey);
  } catch (cause) {
    throw invalidKey('ECDH failed', cause);
  }
}

/**
 * AES-256-GCM with a 16-byte IV (random unless given), a 16-byte tag and no AAD; returns
 * base64(IV‖ciphertext‖tag) (WIRE-NOTES §1). `iv` exists for test vectors; callers leave it out.
 */
export function encrypt(options: { key: Buffer; plaintext: string; iv?: Buffer }): string {
  const iv = options.iv ?? crypto.randomBytes(IV_BYTES);
  if (iv.length !== IV_BYTES) throw new RangeError(`the envelope IV must be ${IV_BYTES} bytes`);
  const cipher = crypto.createCipheriv(CIPHER, options.key, iv, { authTagLength: TAG_BYTES });
  const body = Buffer.concat([cipher.update(options.plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/**
 * Opens base64(IV‖ciphertext‖tag). The first 16 bytes are the IV whatever they are: some clients
 * use 16 ASCII hex characters (WIRE-NOTES §1). Every failure is the same error, so a caller learns
 * nothing about which part was wrong (CONVENTIONS.md §4).
 *
 * @throws AppError `envelope.decryption_failed`
 */
export function decrypt(options: { key: Buffer; ciphertext: string }): string {
  const raw = decodeBase64(options.ciphertext);
  if (!raw || raw.length < IV_BYTES + TAG_BYTES) {
    throw new AppError('envelope.decryption_failed', { detail: raw ? `ciphertext of ${raw.length} bytes` : 'ciphertext is not base64' });
  }
  try {
    const decipher = crypto.createDecipheriv(CIPHER, options.key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    return plaintext.toString('utf8');
  } catch (cause) {
    throw new AppError('envelope.decryption_failed', { detail: 'AES-GCM authentication failed', cause });
  }
}

/** Keys as on the wire (base64) for {@link encryptFor} and {@link decryptFrom}. */
export type TEnvelopeWireKeys = { curve: TEnvelopeCurve; myPrivateKey: string; peerPublicKey: string };

function wireSharedKey(keys: TEnvelopeWireKeys): Buffer {
  return sharedKey({
    curve: keys.curve,
    privateKey: parsePrivateKey(keys.myPrivateKey, keys.curve),
    peerPublicKey: parsePublicKey(keys.peerPublicKey, keys.curve),
  });
}

/**
 * ENC(data) of WIRE-NOTES §1 under the key shared by `myPrivateKey` and `peerPublicKey`.
 *
 * @throws AppError `envelope.invalid_key`
 */
export function encryptFor(options: TEnvelopeWireKeys & { data: string; iv?: Buffer }): string {
  return encrypt({ key: wireSharedKey(options), plaintext: options.data, iv: options.iv });
}

/**
 * Opens ENC(data) of WIRE-NOTES §1 under the key shared by `myPrivateKey` and `peerPublicKey`.
 *
 * @throws AppError `envelope.invalid_key`, `envelope.decryption_failed`
 */
export function decryptFrom(options: TEnvelopeWireKeys & { data: string }): string {
  return decrypt({ key: wireSharedKey(options), ciphertext: options.data });
}

/** Derived keys a process keeps (about 150 bytes each with its id: well under 1 MB). */
export const SHARED_KEY_CACHE_SIZE = 4096;

export type TSharedKeyOptions = { privateKey: Buffer; ownPublicKey: string; peerPublicKeyB64: string; curve: TEnvelopeCurve };

/**
 * `sharedKey` with a bounded LRU cache of `limit` entries keyed by (curve, own public key, peer
 * public key): callers that keep their key pair (the documented client behaviour) pay the ECDH
 * only once per process. The cache holds derived keys only as long as the process runs; it is
 * not request state.
 */
export function createSharedKeyCache(limit = SHARED_KEY_CACHE_SIZE): (options: TSharedKeyOptions) => Buffer {
  const sharedKeys = new Map<string, Buffer>();
  return (options) => {
    const id = `${options.curve}|${options.ownPublicKey}|${options.peerPublicKeyB64}`;
    const hit = sharedKeys.get(id);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      sharedKeys.delete(id);
      sharedKeys.set(id, hit);
      return hit;
    }
    const key = sharedKey({ curve: options.curve, privateKey: options.privateKey, peerPublicKey: parsePublicKey(options.peerPublicKeyB64, options.curve) });
    sharedKeys.set(id, key);
    if (sharedKeys.size > limit) sharedKeys.delete(sharedKeys.keys().next().value!);
    return key;
  };
}

/** The process's shared-key cache ({@link createSharedKeyCache} with the default size). */
export const cachedSharedKey = createSharedKeyCache();
