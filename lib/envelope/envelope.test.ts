import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, decryptFrom, encrypt, encryptFor, parsePrivateKey, parsePublicKey, sharedKey } from './envelope';
import { generateEnvelopeKeyPair } from './service-key';

// The test vector of WIRE-NOTES §1, verbatim.
const VECTOR = {
  clientPrivateKey: 'Hx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8=',
  clientPublicKey: 'UF8jSoH+OviGJevaJZ267ETHKxgeL2RzX4uOyNfPc3dm8iTqDFRCP9kUAo6P2BUCEz+a7595TlvmADVfxfOhUA==',
  servicePrivateKey: 'Li4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4=',
  servicePublicKey: '2Yp972foNwEY9jZiDQvgjtYzRN9oCCtPLxhE585gFIPCRROt8QZpHL8ln6t92Op6cDSLVOSofJTE0T5XLzHKiQ==',
  sharedKey: 'OLtS9dTWTAWkx/LYfynAEoakIf6n8ksesEjCO8ZGRi0=',
  iv: '000102030405060708090a0b0c0d0e0f',
  plaintext: '{"ts":1764000000,"uuid":"6f1c2f0e-8d0a-4c55-9a57-3c0f4b8f9e21","appid":"com.example.app"}',
  ciphertext:
    'AAECAwQFBgcICQoLDA0ODyIv5XiESX9EjnEgVghLmZb2bob9objkLZb/CRWcqVK79KmuZaDHMxSDwZ3v0QUdqODruKBtMOeGakyTOA3xLYYNlcYHCEtpDYHKWqcqiOomrlSxIwshPyR/XHE5diluWW0ZXstZxW+9IA==',
};
const curve = 'secp256k1' as const;
const INVALID_KEY = expect.objectContaining({ code: 'envelope.invalid_key', status: 400 });
const DECRYPTION_FAILED = expect.objectContaining({ code: 'envelope.decryption_failed', status: 401 });

const vectorKey = (): Buffer => Buffer.from(VECTOR.sharedKey, 'base64');
const b64 = (bytes: Buffer | number[]): string => Buffer.from(bytes).toString('base64');

describe('envelope test vector (WIRE-NOTES §1)', () => {
  it('derives the same shared key from either side', () => {
    const fromClient = sharedKey({ curve, privateKey: parsePrivateKey(VECTOR.clientPrivateKey), peerPublicKey: parsePublicKey(VECTOR.servicePublicKey) });
    const fromService = sharedKey({ curve, privateKey: parsePrivateKey(VECTOR.servicePrivateKey), peerPublicKey: parsePublicKey(VECTOR.clientPublicKey) });
    expect(fromClient.toString('base64')).toBe(VECTOR.sharedKey);
    expect(fromService.toString('base64')).toBe(VECTOR.sharedKey);
  });

  it('encrypts the plaintext with the given IV to the ciphertext and decrypts it back', () => {
    expect(encrypt({ key: vectorKey(), plaintext: VECTOR.plaintext, iv: Buffer.from(VECTOR.iv, 'hex') })).toBe(VECTOR.ciphertext);
    expect(decrypt({ key: vectorKey(), ciphertext: VECTOR.ciphertext })).toBe(VECTOR.plaintext);
  });

  it('works with the wire keys in both directions', () => {
    const iv = Buffer.from(VECTOR.iv, 'hex');
    const client = { curve, myPrivateKey: VECTOR.clientPrivateKey, peerPublicKey: VECTOR.servicePublicKey };
    const service = { curve, myPrivateKey: VECTOR.servicePrivateKey, peerPublicKey: VECTOR.clientPublicKey };
    expect(encryptFor({ ...client, data: VECTOR.plaintext, iv })).toBe(VECTOR.ciphertext);
    expect(encryptFor({ ...service, data: VECTOR.plaintext, iv })).toBe(VECTOR.ciphertext);
    expect(decryptFrom({ ...service, data: VECTOR.ciphertext })).toBe(VECTOR.plaintext);
    expect(decryptFrom({ ...client, data: encryptFor({ ...service, data: 'answer' }) })).toBe('answer');
  });
});

describe('parsePrivateKey', () => {
  it('reads 33 bytes with a leading 0x00 as the same scalar', () => {
    const padded = b64(Buffer.concat([Buffer.of(0), Buffer.from(VECTOR.clientPrivateKey, 'base64')]));
    expect(parsePrivateKey(padded).toString('base64')).toBe(VECTOR.clientPrivateKey);
  });

  it('left-pads a short scalar to 32 bytes', () => {
    const scalar = Buffer.concat([Buffer.of(0), Buffer.alloc(31, 0x1f)]);
    expect(parsePrivateKey(b64(scalar.subarray(1)))).toEqual(scalar);
    expect(parsePrivateKey(b64([0x01]))).toEqual(Buffer.concat([Buffer.alloc(31), Buffer.of(1)]));
    const withShortKey = encryptFor({ curve, myPrivateKey: b64(scalar.subarray(1)), peerPublicKey: VECTOR.servicePublicKey, data: 'x' });
    expect(decryptFrom({ curve, myPrivateKey: b64(scalar), peerPublicKey: VECTOR.servicePublicKey, data: withShortKey })).toBe('x');
  });

  it.each([
    ['not base64', 'not base64!'],
    ['empty', ''],
    ['zero', b64(Buffer.alloc(32))],
    ['33 significant bytes', b64(Buffer.alloc(33, 0x01))],
    ['the group order', b64(Buffer.from('FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141', 'hex'))],
  ])('refuses %s', (_, key) => {
    expect(() => parsePrivateKey(key)).toThrow(INVALID_KEY);
  });
});

describe('parsePublicKey', () => {
  const uncompressed = Buffer.concat([Buffer.of(0x04), Buffer.from(VECTOR.servicePublicKey, 'base64')]);

  it('accepts the 64-byte wire form, the 65-byte uncompressed and the 33-byte compressed point', () => {
    const compressed = crypto.ECDH.convertKey(uncompressed, curve, undefined, undefined, 'compressed') as Buffer;
    expect(compressed).toHaveLength(33);
    expect(parsePublicKey(VECTOR.servicePublicKey)).toEqual(uncompressed);
    expect(parsePublicKey(b64(uncompressed))).toEqual(uncompressed);
    expect(parsePublicKey(b64(compressed))).toEqual(uncompressed);
    const key = sharedKey({ curve, privateKey: parsePrivateKey(VECTOR.clientPrivateKey), peerPublicKey: parsePublicKey(b64(compressed)) });
    expect(key.toString('base64')).toBe(VECTOR.sharedKey);
  });

  const offCurve = Buffer.from(uncompressed);
  offCurve[64]! ^= 1;
  it.each([
    ['not base64', 'not base64!'],
    ['empty', ''],
    ['too short', 'AAAA'],
    ['64 zero bytes', b64(Buffer.alloc(64))],
    ['a point off the curve', b64(offCurve)],
    ['65 bytes without 0x04', b64(Buffer.concat([Buffer.of(0x05), uncompressed.subarray(1)]))],
    ['a compressed x outside the field', b64(Buffer.concat([Buffer.of(0x02), Buffer.alloc(32, 0xff)]))],
  ])('refuses %s', (_, key) => {
    expect(() => parsePublicKey(key)).toThrow(INVALID_KEY);
  });

  it('refuses a secp256k1 point on prime256v1', () => {
    expect(() => parsePublicKey(VECTOR.servicePublicKey, 'prime256v1')).toThrow(INVALID_KEY);
    expect(() => encryptFor({ curve: 'prime256v1', myPrivateKey: VECTOR.clientPrivateKey, peerPublicKey: VECTOR.servicePublicKey, data: 'x' })).toThrow(INVALID_KEY);
  });
});

describe('encrypt / decrypt', () => {
  it('uses a fresh random IV when none is given', () => {
    const a = encrypt({ key: vectorKey(), plaintext: VECTOR.plaintext });
    const b = encrypt({ key: vectorKey(), plaintext: VECTOR.plaintext });
    expect(a).not.toBe(b);
    expect(decrypt({ key: vectorKey(), ciphertext: a })).toBe(VECTOR.plaintext);
    expect(decrypt({ key: vectorKey(), ciphertext: encrypt({ key: vectorKey(), plaintext: '' }) })).toBe('');
  });

  it('takes the first 16 bytes as the IV, also when they are ASCII hex characters', () => {
    const iv = Buffer.from('0123456789abcdef');
    const ciphertext = encrypt({ key: vectorKey(), plaintext: VECTOR.plaintext, iv });
    expect(Buffer.from(ciphertext, 'base64').subarray(0, 16).toString('latin1')).toBe('0123456789abcdef');
    expect(decrypt({ key: vectorKey(), ciphertext })).toBe(VECTOR.plaintext);
  });

  it('refuses an IV that is not 16 bytes', () => {
    expect(() => encrypt({ key: vectorKey(), plaintext: 'x', iv: Buffer.alloc(12) })).toThrow(RangeError);
  });

  const raw = Buffer.from(VECTOR.ciphertext, 'base64');
  const flip = (at: number): string => {
    const copy = Buffer.from(raw);
    copy[at]! ^= 1;
    return b64(copy);
  };
  it.each([
    ['a changed IV', flip(0)],
    ['a changed ciphertext', flip(20)],
    ['a changed tag', flip(raw.length - 1)],
    ['a truncated tag', b64(raw.subarray(0, raw.length - 1))],
    ['fewer bytes than IV and tag', b64(raw.subarray(0, 31))],
    ['an empty string', ''],
    ['text that is not base64', 'not base64!'],
  ])('refuses %s with one opaque error', (_, ciphertext) => {
    expect(() => decrypt({ key: vectorKey(), ciphertext })).toThrow(DECRYPTION_FAILED);
  });

  it('refuses the wrong key without saying why', () => {
    let error: unknown;
    try {
      decrypt({ key: crypto.randomBytes(32), ciphertext: VECTOR.ciphertext });
    } catch (e) {
      error = e;
    }
    expect(error).toEqual(DECRYPTION_FAILED);
    expect(error).toMatchObject({ publicMessage: 'The encrypted data could not be read.' });
    const other = generateEnvelopeKeyPair(curve);
    expect(() => decryptFrom({ curve, myPrivateKey: other.privateKey.toString('base64'), peerPublicKey: VECTOR.clientPublicKey, data: VECTOR.ciphertext })).toThrow(DECRYPTION_FAILED);
  });
});

describe('prime256v1', () => {
  it('round-trips between two generated key pairs', () => {
    const client = generateEnvelopeKeyPair('prime256v1');
    const service = generateEnvelopeKeyPair('prime256v1');
    const ciphertext = encryptFor({ curve: 'prime256v1', myPrivateKey: client.privateKey.toString('base64'), peerPublicKey: service.publicKey, data: VECTOR.plaintext });
    expect(decryptFrom({ curve: 'prime256v1', myPrivateKey: service.privateKey.toString('base64'), peerPublicKey: client.publicKey, data: ciphertext })).toBe(VECTOR.plaintext);
  });
});
