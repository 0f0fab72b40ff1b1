import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe.each(['webauthn', 'authn'])('/%s service endpoints', (surface) => {
  const url = (p: string) => `${baseUrl}/${surface}${p}`;

  it('healthz answers 200 with status, publicKey, code and version', async () => {
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toEqual({ status: 'all services operational', publicKey: expect.any(String), code: '200', version: expect.any(String) });
    // <git-tag>.<commit>.<build-epoch> or <commit>.<build-epoch>
    expect(body.version).toMatch(/^(?:[^.]+(?:\.[^.]+)*\.)?[0-9a-f]{7,40}\.\d{10}$|^unknown\.\d{10}$/);
    expect(Buffer.from(body.publicKey, 'base64')).toHaveLength(64);
  });

  it('publickeys serves the same envelope public key as healthz', async () => {
    const [pk, health] = await Promise.all([fetch(url('/publickeys')).then((r) => r.json()), fetch(url('/healthz')).then((r) => r.json())]);
    expect(pk).toEqual({ publicKey: health.publicKey });
  });

  it('environment reports allowed_time_span', async () => {
    const body = await (await fetch(url('/environment'))).json();
    expect(body).toMatchObject({ name: 'latchkey', allowed_time_span: 60, publicUrl: baseUrl, envelope: { curve: 'secp256k1' } });
  });

  it('sd maps service names to base URLs', async () => {
    const body = await (await fetch(url('/sd'))).json();
    expect(body).toMatchObject({ webauthn: `${baseUrl}/webauthn`, authn: `${baseUrl}/authn` });
    for (const v of Object.values(body)) expect(String(v)).toMatch(/^https?:\/\//);
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('unknown path answers %s 404 in {statusCode, error, message}', async (method) => {
    const res = await fetch(url('/no/such/endpoint'), { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{"not json' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not found.' });
  });
});

describe('hosted pages', () => {
  it('serve HTML at /', async () => {
    const res = await fetch(baseUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Latchkey is running');
  });
});

describe('/.well-known/webauthn (related origins)', () => {
  it('is 404 until the community lists related origins, then serves them', async () => {
    const { createDb } = await import('@/lib/db');
    const db = createDb(inject('databaseUrl'));
    // The document is per rpId and other suites' communities share the server's host: start from none listing any.
    const rpId = new URL(baseUrl).hostname;
    await db.community.updateMany({ where: { rpId }, data: { relatedOrigins: [] } });
    try {
      const before = await fetch(`${baseUrl}/.well-known/webauthn`);
      expect(before.status).toBe(404);
      await db.community.updateMany({ where: { isDefault: true }, data: { relatedOrigins: ['https://shop.example', 'https://login.example.co.uk'] } });
      const res = await fetch(`${baseUrl}/.well-known/webauthn`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ origins: ['https://shop.example', 'https://login.example.co.uk'] });
    } finally {
      await db.community.updateMany({ where: { isDefault: true }, data: { relatedOrigins: [] } });
      await db.$disconnect();
    }
  });
});

describe('/authn/ecdsa_helper', () => {
  const CLIENT_PRIV = 'Hx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8fHx8=';
  const SERVICE_PUB = '2Yp972foNwEY9jZiDQvgjtYzRN9oCCtPLxhE585gFIPCRROt8QZpHL8ln6t92Op6cDSLVOSofJTE0T5XLzHKiQ==';
  const post = (method: string, body: string) => fetch(`${baseUrl}/authn/ecdsa_helper/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('encrypts and decrypts with the caller’s keys', async () => {
    const enc = await post('encrypt', JSON.stringify({ dataStr: 'hello', publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV }));
    expect(enc.status).toBe(200);
    const { data } = await enc.json();
    const dec = await post('decrypt', JSON.stringify({ dataStr: data, publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV }));
    expect(await dec.json()).toEqual({ data: 'hello' });
  });

  it.each([
    ['decrypt', JSON.stringify({ dataStr: 'AAAA', publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV }), 401],
    ['encrypt', JSON.stringify({ dataStr: 'x', publicKey: 'bad', privateKey: CLIENT_PRIV }), 400],
    ['encrypt', '{"dataStr":', 400],
    ['encrypt', 'null', 400],
    ['nosuch', JSON.stringify({ dataStr: 'x', publicKey: SERVICE_PUB, privateKey: CLIENT_PRIV }), 404],
  ])('%s with a bad request answers %s… in {statusCode, error, message}', async (method, body, status) => {
    const res = await post(method, body);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  });
});
