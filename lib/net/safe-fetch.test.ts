import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from './ip-ranges';
import { safeFetch } from './safe-fetch';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::a9fe:a9fe', false],
    ['localhost', false],
    ['not an ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('safeFetch', () => {
  let server: http.Server;
  let base: string;
  const seen: { method?: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, body, headers: req.headers });
        if (req.url === '/redirect') {
          res.writeHead(302, { location: 'http://127.0.0.1:1/secret' });
          return res.end();
        }
        if (req.url === '/slow') return setTimeout(() => res.end('late'), 2000);
        if (req.url === '/big') return res.end('x'.repeat(5000));
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`ok ${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses loopback targets by IP and by a name that resolves to loopback, without connecting', async () => {
    const before = seen.length;
    await expect(safeFetch(`${base}/`)).rejects.toMatchObject({ code: 'net.target_refused' });
    await expect(safeFetch(base.replace('127.0.0.1', 'localhost'))).rejects.toMatchObject({ code: 'net.target_refused' });
    await expect(safeFetch('http://[::1]:9/')).rejects.toMatchObject({ code: 'net.target_refused' });
    await expect(safeFetch('http://169.254.169.254/latest/meta-data/')).rejects.toMatchObject({ code: 'net.target_refused' });
    expect(seen.length).toBe(before);
  });

  it('refuses other schemes and non-URLs', async () => {
    await expect(safeFetch('ftp://example.com/x')).rejects.toMatchObject({ code: 'net.target_refused' });
    await expect(safeFetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'net.target_refused' });
    await expect(safeFetch('not a url')).rejects.toMatchObject({ code: 'net.target_refused' });
  });

  it('calls a private target when allowed, with method, headers and body', async () => {
    const res = await safeFetch(base.replace('127.0.0.1', 'localhost') + '/hook', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: '{"a":1}', allowPrivate: true });
    expect(res).toMatchObject({ status: 200, text: 'ok {"a":1}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { authorization: 'Bearer t', 'content-type': 'application/json' } });
  });

  it('does not follow redirects', async () => {
    const res = await safeFetch(`${base}/redirect`, { allowPrivate: true });
    expect(res.status).toBe(302);
    expect(seen.at(-1)?.method).toBe('GET');
  });

  it('fails on timeout and on an oversized answer', async () => {
    await expect(safeFetch(`${base}/slow`, { allowPrivate: true, timeoutMs: 200 })).rejects.toMatchObject({ code: 'net.request_failed' });
    await expect(safeFetch(`${base}/big`, { allowPrivate: true, maxResponseBytes: 1000 })).rejects.toMatchObject({ code: 'net.request_failed' });
  });

  it('fails on a refused connection and an unknown host', async () => {
    await expect(safeFetch('http://127.0.0.1:1/', { allowPrivate: true, timeoutMs: 2000 })).rejects.toMatchObject({ code: 'net.request_failed' });
    await expect(safeFetch('http://no-such-host.invalid/', { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'net.request_failed' });
  });
});
