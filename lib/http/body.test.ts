import { describe, expect, it } from 'vitest';
import { readJsonBody } from './body';

function req(body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return new Request('http://x/', { method: 'POST', body, headers });
}

describe('readJsonBody', () => {
  it('parses JSON and +json types', async () => {
    expect(await readJsonBody(req('{"a":1}'))).toEqual({ a: 1 });
    expect(await readJsonBody(req('[1]', { 'content-type': 'application/merge-patch+json; charset=utf-8' }))).toEqual([1]);
  });

  it('reads an empty body as {}', async () => {
    expect(await readJsonBody(req(undefined, {}))).toEqual({});
    expect(await readJsonBody(req('', {}))).toEqual({});
  });

  it('rejects malformed JSON', async () => {
    await expect(readJsonBody(req('{"a":'))).rejects.toMatchObject({ code: 'request.malformed_json', status: 400 });
  });

  it('rejects another content type', async () => {
    await expect(readJsonBody(req('a=1', { 'content-type': 'application/x-www-form-urlencoded' }))).rejects.toMatchObject({ code: 'request.unsupported_media_type', status: 415 });
    await expect(readJsonBody(req('{}', {}))).rejects.toMatchObject({ code: 'request.unsupported_media_type' });
  });

  it('rejects oversized bodies by header and by stream', async () => {
    await expect(readJsonBody(req('{}', { 'content-type': 'application/json', 'content-length': '999999' }), 100)).rejects.toMatchObject({ code: 'request.body_too_large', status: 413 });
    await expect(readJsonBody(req(JSON.stringify({ a: 'x'.repeat(200) })), 100)).rejects.toMatchObject({ code: 'request.body_too_large' });
  });
});
