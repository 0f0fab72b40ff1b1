import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { etagMatches, serveOpenApiFile } from './serve-openapi-file';

describe('serveOpenApiFile', () => {
  it('serves JSON with caching headers and answers 304 on a matching ETag', async () => {
    const res = serveOpenApiFile({ file: 'webauthn.json', ifNoneMatch: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toContain('max-age=');
    expect((await res.json()).openapi).toMatch(/^3\.1\./);
    const again = serveOpenApiFile({ file: 'webauthn.json', ifNoneMatch: `W/${res.headers.get('etag')}` });
    expect(again.status).toBe(304);
  });

  it('refuses unknown documents and extensions with request.not_found', () => {
    for (const file of ['nope.json', 'webauthn.yml', '../package.json', 'constructor.json']) {
      expect(() => serveOpenApiFile({ file, ifNoneMatch: null })).toThrow(AppError);
    }
  });

  it('compares entity tags weakly', () => {
    expect(etagMatches('"a", "b"', '"b"')).toBe(true);
    expect(etagMatches('*', '"x"')).toBe(true);
    expect(etagMatches('"a"', '"b"')).toBe(false);
  });
});
