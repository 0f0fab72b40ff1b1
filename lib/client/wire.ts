import crypto from 'node:crypto';
import { DEFAULT_ENVELOPE_CURVE, decrypt, encrypt, parsePrivateKey, parsePublicKey, sharedKey } from '../envelope/envelope';
import { generateEnvelopeKeyPair, type TEnvelopeCurve } from '../envelope/service-key';

/**
 * The pure parts of the spec 000 / 004 wire format (WIRE-NOTES §1) as a caller sees them: the
 * caller key pair, the key shared with the service, the `requestid`, the headers and the
 * `{data: ENC(JSON)}` body of an enveloped call, the headers of a plain `/u1` call, and the
 * opening of an enveloped answer. No I/O: the client (./latchkey-client.ts) adds HTTP.
 */

export type { TEnvelopeCurve };

/** A caller key pair as on the wire: base64 of the 64-byte X‖Y point and of the 32-byte scalar. */
export type TEnvelopeKeyPair = { publicKey: string; privateKey: string };

/** The `requestid` of WIRE-NOTES §1: unix seconds, a v4 uuid and the calling application's id. */
export type TRequestId = { ts: number; uuid: string; appid: string };

/** Which form a spec 000 call takes: the ECDH envelope, or the plain `/u1/...` twin. */
export type TWebauthnFamily = 'enveloped' | 'u1';

/** A caller key pair with its private scalar parsed and the curve it belongs to. */
export type TCallerKeys = { curve: TEnvelopeCurve; publicKey: string; privateKey: string; privateScalar: Buffer };

/**
 * The caller's key pair: `keyPair` when given (validated: the public key must belong to the
 * private key), else a fresh one on `curve` (default secp256k1).
 *
 * @throws AppError `envelope.invalid_key` for keys that are not valid on `curve`
 * @throws Error when `keyPair.publicKey` is not the public key of `keyPair.privateKey`
 */
export function callerKeys(options: { keyPair?: TEnvelopeKeyPair; curve?: TEnvelopeCurve } = {}): TCallerKeys {
  const curve = options.curve ?? DEFAULT_ENVELOPE_CURVE;
  if (!options.keyPair) {
    const pair = generateEnvelopeKeyPair(curve);
    return { curve, publicKey: pair.publicKey, privateKey: pair.privateKey.toString('base64'), privateScalar: pair.privateKey };
  }
  const privateScalar = parsePrivateKey(options.keyPair.privateKey, curve);
  const given = parsePublicKey(options.keyPair.publicKey, curve);
  const ecdh = crypto.createECDH(curve);
  ecdh.setPrivateKey(privateScalar);
  if (!ecdh.getPublicKey().equals(given)) throw new Error('keyPair.publicKey is not the public key of keyPair.privateKey');
  return { curve, publicKey: ecdh.getPublicKey().subarray(1).toString('base64'), privateKey: options.keyPair.privateKey, privateScalar };
}

/**
 * The 32-byte envelope key shared by the caller's private key and the service's public key
 * (`GET /webauthn/publickeys` → `{publicKey}`).
 *
 * @throws AppError `envelope.invalid_key` when `servicePublicKey` is not a point on the curve
 */
export function deriveSharedKey(keys: Pick<TCallerKeys, 'curve' | 'privateScalar'>, servicePublicKey: string): Buffer {
  return sharedKey({ curve: keys.curve, privateKey: keys.privateScalar, peerPublicKey: parsePublicKey(servicePublicKey, keys.curve) });
}

/**
 * A new request id: now (unix seconds), a fresh v4 uuid and `appid`; `overrides` replace fields
 * (e.g. a server-corrected clock).
 */
export function newRequestId(appid: string, overrides: Partial<TRequestId> = {}, now: number = Date.now()): TRequestId {
  return { ts: Math.floor(now / 1000), uuid: crypto.randomUUID(), appid, ...overrides };
}

/**
 * The authentication headers of a spec 000 call. Enveloped: `publickey` (the caller's public key),
 * `licensekey: ENC(licenseKey)`, `requestid: ENC(JSON{ts, uuid, appid})`. Plain (`u1`): the license
 * key in clear and the request id as plain JSON.
 *
 * @param options.key the shared envelope key (enveloped calls only)
 */
export function authHeaders(options: { family: TWebauthnFamily; licenseKey: string; requestId: TRequestId; publicKey: string; key?: Buffer }): Record<string, string> {
  const requestId = JSON.stringify({ ts: options.requestId.ts, uuid: options.requestId.uuid, appid: options.requestId.appid });
  if (options.family === 'u1') return { licensekey: options.licenseKey, requestid: requestId };
  if (!options.key) throw new TypeError('an enveloped call needs the shared key');
  return {
    publickey: options.publicKey,
    licensekey: encrypt({ key: options.key, plaintext: options.licenseKey }),
    requestid: encrypt({ key: options.key, plaintext: requestId }),
  };
}

/** The body of a call: `{"data": ENC(JSON payload)}` when enveloped, the JSON payload when plain. */
export function sealBody(family: TWebauthnFamily, payload: unknown, key?: Buffer): string {
  const json = JSON.stringify(payload);
  if (family === 'u1') return json;
  if (!key) throw new TypeError('an enveloped call needs the shared key');
  return JSON.stringify({ data: encrypt({ key, plaintext: json }) });
}

/**
 * Opens an enveloped answer `{data: ENC(JSON), publicKey}`: returns the decrypted JSON. Anything
 * that is not an envelope (errors, plain answers) is returned as is.
 *
 * @throws AppError `envelope.decryption_failed` when `data` does not decrypt under `key`
 * @throws SyntaxError when the decrypted text is not JSON
 */
export function openBody(raw: unknown, key: Buffer): unknown {
  const envelope = raw as { data?: unknown } | undefined;
  if (typeof envelope !== 'object' || envelope === null || typeof envelope.data !== 'string') return raw;
  return JSON.parse(decrypt({ key, ciphertext: envelope.data })) as unknown;
}
