import { describe, expect, it } from 'vitest';
import { corsPreflight, withCors } from './cors';

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
  it('allows POST with content-type and x-api-key for ten minutes', async () => {
    const res = await corsPreflight();
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toBe('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });
});
