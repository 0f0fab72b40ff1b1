import { describe, expect, it } from 'vitest';
import { cachedSharedKey, parsePrivateKey, parsePublicKey, sharedKey } from './envelope';
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

  it('matches an uncached agreement for other callers and stays correct past its size bound', () => {
    const service = generateEnvelopeKeyPair('secp256k1');
    for (let i = 0; i < 4200; i++) {
      const caller = generateEnvelopeKeyPair('secp256k1');
      const key = cachedSharedKey({ curve: 'secp256k1', privateKey: service.privateKey, ownPublicKey: service.publicKey, peerPublicKeyB64: caller.publicKey });
      if (i % 500 === 0) expect(key).toEqual(sharedKey({ curve: 'secp256k1', privateKey: service.privateKey, peerPublicKey: parsePublicKey(caller.publicKey) }));
    }
  });
});
