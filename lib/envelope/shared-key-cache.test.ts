import { describe, expect, it } from 'vitest';
import { cachedSharedKey, createSharedKeyCache, parsePrivateKey, parsePublicKey, sharedKey } from './envelope';
import { generateEnvelopeKeyPair } from './service-key';

// WIRE-NOTES §1 test vector keys.
const CLIENT_PUB = 'UF8jSoH+OviGJevaJZ267ETHKxgeL2RzX4uOyNfPc3dm8iTqDFRCP9kUAo6P2BUCEz+a7595TlvmADVfxfOhUA==';
const SERVICE_PRIV = 'Li4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4=';
const SERVICE_PUB = '2Yp972foNwEY9jZiDQvgjtYzRN9oCCtPLxhE585gFIPCRROt8QZpHL8ln6t92Op6cDSLVOSofJTE0T5XLzHKiQ==';

describe('cachedSharedKey', () => {
  it('gives the WIRE-NOTES shared key, the same buffer on a repeat, and refuses bad keys', () => {
    const opts = { curve: 'secp256k1' as const, privateKey: parsePrivateKey(SERVICE_PRIV), ownPublicKey: SERVICE_PUB, peerPublicKeyB64: CLIENT_PUB };
    const first = cachedSharedKey(opts);
    expect(first.toString('base64')).toBe('OLtS9dTWTAWkx/LYfynAEoakIf6n8ksesEjCO8ZGRi0=');
    expect(cachedSharedKey(opts)).toBe(first);
    expect(() => cachedSharedKey({ ...opts, peerPublicKeyB64: 'bm90IGEga2V5' })).toThrow(expect.objectContaining({ code: 'envelope.invalid_key' }));
  });

  it('matches an uncached agreement for other callers, keeps the recently used and evicts the least recently used past its bound', () => {
    const service = generateEnvelopeKeyPair('secp256k1');
    const cache = createSharedKeyCache(4);
    const callers = Array.from({ length: 6 }, () => generateEnvelopeKeyPair('secp256k1').publicKey);
    const derive = (peer: string) => cache({ curve: 'secp256k1', privateKey: service.privateKey, ownPublicKey: service.publicKey, peerPublicKeyB64: peer });
    const first = callers.slice(0, 4).map((c) => derive(c));
    for (const [i, c] of callers.slice(0, 4).entries()) {
      expect(first[i]).toEqual(sharedKey({ curve: 'secp256k1', privateKey: service.privateKey, peerPublicKey: parsePublicKey(c) }));
    }
    // Use caller 0 again: it becomes the most recently used, so caller 1 is the one evicted next.
    expect(derive(callers[0]!)).toBe(first[0]);
    derive(callers[4]!);
    derive(callers[5]!);
    expect(derive(callers[0]!)).toBe(first[0]);
    expect(derive(callers[3]!)).toBe(first[3]);
    // Callers 1 and 2 were evicted: derived again, equal but not the cached buffer.
    const again = derive(callers[1]!);
    expect(again).toEqual(first[1]);
    expect(again).not.toBe(first[1]);
  });
});
