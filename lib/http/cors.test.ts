import { describe, expect, it } from 'vitest';
import { FIDO2_CORS, MINIMAL_API_CORS, corsPreflight, withCors } from './cors';

describe('withCors', () => {
  it('adds the CORS headers to success and error answers, never Allow-Credentials', async () => {
    for (const answer of [Response.json({ ok: true }), new Response('{}', { status: 401, headers: { 'content-type': 'application/problem+json' } })]) {
      const res = await withCors<Request, unknown>(async () => answer)(new Request('http://x/'), {});
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe('content-type');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.status).toBe(answer.status);
    }
  });
});

describe('corsPreflight', () => {
  it('allows POST with content-type and x-api-key for ten minutes (spec 001)', async () => {
    const res = await corsPreflight(MINIMAL_API_CORS)();
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows the FIDO2 API 2.0 methods with an Authorization header', async () => {
    const res = await corsPreflight(FIDO2_CORS)();
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, DELETE');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
