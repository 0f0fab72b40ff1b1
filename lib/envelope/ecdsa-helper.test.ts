import { describe, expect, it } from 'vitest';
import { runEcdsaHelper } from './ecdsa-helper';
import { decryptFrom } from './envelope';

// WIRE-NOTES §1 test vector keys.
const CLIENT_PRIV = 'Hx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8=';
const CLIENT_PUB = 'UF8jSoH+OviGJevaJZ267ETHKxgeL2RzX4uOyNfPc3dm8iTqDFRCP9kUAo6P2BUCEz+a7595TlvmADVfxfOhUA==';
const SERVICE_PRIV = 'Li4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4=';
const SERVICE_PUB = '2Yp972foNwEY9jZiDQvgjtYzRN9oCCtPLxhE585gFIPCRROt8QZpHL8ln6t92Op6cDSLVOSofJTE0T5XLzHKiQ==';
const VECTOR = 'AAECAwQFBgcICQoLDA0ODyIv5XiESX9EjnEgVghLmZb2bob9objkLZb/CRWcqVK79KmuZaDHMxSDwZ3v0QUdqODruKBtMOeGakyTOA3xLYYNlcYHCEtpDYHKWqcqiOomrlSxIwshPyR/XHE5diluWW0ZXstZxW+9IA==';
const PLAIN = '{"ts":1764000000,"uuid":"6f1c2f0e-8d0a-4c55-9a57-3c0f4b8f9e21","appid":"com.example.app"}';

describe('runEcdsaHelper', () => {
  it('decrypts the WIRE-NOTES vector from either side', () => {
    expect(runEcdsaHelper({ method: 'decrypt', curve: 'secp256k1', input: { dataStr: VECTOR, publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV } })).toEqual({ data: PLAIN });
    expect(runEcdsaHelper({ method: 'decrypt', curve: 'secp256k1', input: { dataStr: VECTOR, publicKey: CLIENT_PUB, privateKey: SERVICE_PRIV } })).toEqual({ data: PLAIN });
  });

  it('encrypts so that the other side can decrypt', () => {
    const { data } = runEcdsaHelper({ method: 'encrypt', curve: 'secp256k1', input: { dataStr: 'hello', publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV } });
    expect(decryptFrom({ curve: 'secp256k1', myPrivateKey: SERVICE_PRIV, peerPublicKey: CLIENT_PUB, data })).toBe('hello');
  });

  it.each([
    ['request.not_found', 'sign', { dataStr: 'x', publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV }],
    ['request.validation_failed', 'encrypt', { dataStr: 'x', publicKey: SERVICE_PUB }],
    ['envelope.invalid_key', 'encrypt', { dataStr: 'x', publicKey: 'bm90IGEga2V5', privateKey: CLIENT_PRIV }],
    ['envelope.decryption_failed', 'decrypt', { dataStr: VECTOR.replace('AAEC', 'AAED'), publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV }],
  ])('refuses with %s', (code, method, input) => {
    expect(() => runEcdsaHelper({ method, curve: 'secp256k1', input })).toThrow(expect.objectContaining({ code }));
  });
});
