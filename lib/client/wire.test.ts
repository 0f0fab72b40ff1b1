import { describe, expect, it } from 'vitest';
import { decryptFrom, encryptFor } from '../envelope/envelope';
import { createLatchkeyClient, unregisterPath, webauthnPath } from './latchkey-client';
import { authHeaders, callerKeys, deriveSharedKey, newRequestId, openBody, sealBody } from './wire';

/** The WIRE-NOTES §1 test vector. */
const V = {
  clientPrivate: 'Hx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8=',
  clientPublic: 'UF8jSoH+OviGJevaJZ267ETHKxgeL2RzX4uOyNfPc3dm8iTqDFRCP9kUAo6P2BUCEz+a7595TlvmADVfxfOhUA==',
  servicePrivate: 'Li4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4uLi4=',
  servicePublic: '2Yp972foNwEY9jZiDQvgjtYzRN9oCCtPLxhE585gFIPCRROt8QZpHL8ln6t92Op6cDSLVOSofJTE0T5XLzHKiQ==',
  shared: 'OLtS9dTWTAWkx/LYfynAEoakIf6n8ksesEjCO8ZGRi0=',
  plaintext: '{"ts":1764000000,"uuid":"6f1c2f0e-8d0a-4c55-9a57-3c0f4b8f9e21","appid":"com.example.app"}',
  ciphertext:
    'AAECAwQFBgcICQoLDA0ODyIv5XiESX9EjnEgVghLmZb2bob9objkLZb/CRWcqVK79KmuZaDHMxSDwZ3v0QUdqODruKBtMOeGakyTOA3xLYYNlcYHCEtpDYHKWqcqiOomrlSxIwshPyR/XHE5diluWW0ZXstZxW+9IA==',
};
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const keyPair = { publicKey: V.clientPublic, privateKey: V.clientPrivate };

/** What the service opens with: its private key and the caller's public key. */
const serviceOpens = (data: string) => decryptFrom({ curve: 'secp256k1', myPrivateKey: V.servicePrivate, peerPublicKey: V.clientPublic, data });

describe('caller keys and the shared key', () => {
  it('derives the vector shared key from the vector key pair and service key', () => {
    const keys = callerKeys({ keyPair });
    expect(keys.publicKey).toBe(V.clientPublic);
    expect(deriveSharedKey(keys, V.servicePublic).toString('base64')).toBe(V.shared);
  });

  it('refuses a key pair whose halves do not belong together, and keys off the curve', () => {
    expect(() => callerKeys({ keyPair: { publicKey: V.servicePublic, privateKey: V.clientPrivate } })).toThrow(/not the public key/);
    expect(() => callerKeys({ keyPair: { publicKey: 'AAAA', privateKey: V.clientPrivate } })).toThrow();
    expect(() => deriveSharedKey(callerKeys({ keyPair }), Buffer.alloc(64, 1).toString('base64'))).toThrow();
  });

  it('generates a fresh pair on either curve, in the wire form', () => {
    for (const curve of ['secp256k1', 'prime256v1'] as const) {
      const a = callerKeys({ curve });
      const b = callerKeys({ curve });
      expect(a.publicKey).toHaveLength(88);
      expect(a.publicKey).not.toBe(b.publicKey);
      expect(Buffer.from(a.privateKey, 'base64')).toHaveLength(32);
      // The pair round-trips through the keyPair option.
      expect(callerKeys({ curve, keyPair: { publicKey: a.publicKey, privateKey: a.privateKey } }).publicKey).toBe(a.publicKey);
    }
  });
});

describe('request id, headers and body', () => {
  it('opens the vector ciphertext as an enveloped answer', () => {
    const key = Buffer.from(V.shared, 'base64');
    expect(openBody({ data: V.ciphertext, publicKey: V.servicePublic }, key)).toEqual(JSON.parse(V.plaintext));
  });

  it('builds a request id of exactly {ts, uuid, appid}: unix seconds and a v4 uuid', () => {
    const rid = newRequestId('com.example.app', {}, 1_764_000_000_999);
    expect(Object.keys(rid)).toEqual(['ts', 'uuid', 'appid']);
    expect(rid.ts).toBe(1_764_000_000);
    expect(rid.uuid).toMatch(UUID_V4);
    expect(newRequestId('x').uuid).not.toBe(newRequestId('x').uuid);
    expect(newRequestId('x', { ts: 5, appid: 'y' })).toMatchObject({ ts: 5, appid: 'y' });
  });

  it('enveloped headers: publickey in clear, licensekey and requestid sealed for the service', () => {
    const keys = callerKeys({ keyPair });
    const key = deriveSharedKey(keys, V.servicePublic);
    const requestId = { ts: 1_764_000_000, uuid: '6f1c2f0e-8d0a-4c55-9a57-3c0f4b8f9e21', appid: 'com.example.app' };
    const headers = authHeaders({ family: 'enveloped', licenseKey: 'lk_test', requestId, publicKey: keys.publicKey, key });
    expect(Object.keys(headers).sort()).toEqual(['licensekey', 'publickey', 'requestid']);
    expect(headers.publickey).toBe(V.clientPublic);
    expect(serviceOpens(headers.licensekey!)).toBe('lk_test');
    // The same JSON text as the vector's plaintext (field order ts, uuid, appid).
    expect(serviceOpens(headers.requestid!)).toBe(V.plaintext);
    // A fresh IV each time.
    expect(authHeaders({ family: 'enveloped', licenseKey: 'lk_test', requestId, publicKey: keys.publicKey, key }).licensekey).not.toBe(headers.licensekey);
    expect(() => authHeaders({ family: 'enveloped', licenseKey: 'lk', requestId, publicKey: keys.publicKey })).toThrow(TypeError);
  });

  it('u1 headers: license key and plain JSON request id, no publickey', () => {
    const requestId = newRequestId('app');
    const headers = authHeaders({ family: 'u1', licenseKey: 'lk_test', requestId, publicKey: V.clientPublic });
    expect(headers).toEqual({ licensekey: 'lk_test', requestid: JSON.stringify(requestId) });
  });

  it('seals the body as {data: ENC(JSON)} for enveloped calls and sends plain JSON for u1', () => {
    const key = deriveSharedKey(callerKeys({ keyPair }), V.servicePublic);
    const payload = { communityId: 'c1', dns: 'localhost', username: 'ada' };
    const sealed = JSON.parse(sealBody('enveloped', payload, key)) as { data: string };
    expect(Object.keys(sealed)).toEqual(['data']);
    expect(JSON.parse(serviceOpens(sealed.data))).toEqual(payload);
    expect(sealBody('u1', payload)).toBe(JSON.stringify(payload));
  });

  it('opens what the service seals, passes non-envelopes through, and refuses tampering', () => {
    const key = deriveSharedKey(callerKeys({ keyPair }), V.servicePublic);
    const data = encryptFor({ curve: 'secp256k1', myPrivateKey: V.servicePrivate, peerPublicKey: V.clientPublic, data: '{"sub":"u1","status":"ok"}' });
    expect(openBody({ data, publicKey: V.servicePublic }, key)).toEqual({ sub: 'u1', status: 'ok' });
    expect(openBody({ statusCode: 401, error: 'Unauthorized' }, key)).toEqual({ statusCode: 401, error: 'Unauthorized' });
    expect(openBody(undefined, key)).toBeUndefined();
    const raw = Buffer.from(data, 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => openBody({ data: raw.toString('base64') }, key)).toThrow();
  });
});

describe('createLatchkeyClient().prepare (no network with a known service key)', () => {
  const client = createLatchkeyClient({ baseUrl: 'http://127.0.0.1:1/', licenseKey: 'lk_test', appId: 'com.example.app', keyPair, servicePublicKey: V.servicePublic });

  it('builds an enveloped result call with sessioninfo', async () => {
    expect(client.publicKey).toBe(V.clientPublic);
    expect((await client.sharedKey()).toString('base64')).toBe(V.shared);
    const req = await client.prepare({ method: 'POST', path: webauthnPath('enveloped', 'assertion', 'result'), family: 'enveloped', payload: { a: 1 }, sessionInfo: 'S'.repeat(43) });
    expect(req.url).toBe('http://127.0.0.1:1/webauthn/assertion/result');
    expect(req.headers).toMatchObject({ publickey: V.clientPublic, sessioninfo: 'S'.repeat(43), 'content-type': 'application/json' });
    expect(JSON.parse(serviceOpens(req.headers.requestid!))).toEqual(req.requestId);
    expect(req.requestId.appid).toBe('com.example.app');
    expect(JSON.parse(serviceOpens((JSON.parse(req.body!) as { data: string }).data))).toEqual({ a: 1 });
  });

  it('builds a plain u1 call and a bodiless unregister', async () => {
    const req = await client.prepare({ method: 'POST', path: webauthnPath('u1', 'attestation', 'options'), family: 'u1', payload: { a: 1 } }, { licenseKey: 'lk_other', requestId: { ts: 7 } });
    expect(req.url).toBe('http://127.0.0.1:1/webauthn/u1/attestation/options');
    expect(req.headers.licensekey).toBe('lk_other');
    expect(JSON.parse(req.headers.requestid!)).toMatchObject({ ts: 7, appid: 'com.example.app' });
    expect(req.headers.publickey).toBeUndefined();
    expect(req.body).toBe('{"a":1}');
    const del = await client.prepare({ method: 'DELETE', path: unregisterPath({ communityId: 'c 1', userId: 'u/2', identifier: 'id' }), family: 'enveloped' });
    expect(del.url).toBe('http://127.0.0.1:1/webauthn/unregister/community/c%201/user/u%2F2/did_or_fidokey/id');
    expect(del.body).toBeUndefined();
    expect(del.headers['content-type']).toBeUndefined();
  });
});
