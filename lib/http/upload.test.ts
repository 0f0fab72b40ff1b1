import { describe, expect, it } from 'vitest';
import { readUpload } from './upload';

const opts = { limit: 16, tooLarge: 'metadata.mds_too_large' as const };

describe('readUpload', () => {
  it('reads a raw body with the query as fields, or a multipart file with its form fields', async () => {
    const raw = await readUpload(new Request('http://x/up?sha256=abc', { method: 'POST', body: 'a.b.c', headers: { 'content-type': 'application/jwt' } }), opts);
    expect(Buffer.from(raw.bytes).toString()).toBe('a.b.c');
    expect(raw.fields).toEqual({ sha256: 'abc' });
    const form = new FormData();
    form.set('file', new Blob(['x.y.z']), 'blob.jwt');
    form.set('sha256', 'def');
    const multi = await readUpload(new Request('http://x/up', { method: 'POST', body: form }), opts);
    expect(Buffer.from(multi.bytes).toString()).toBe('x.y.z');
    expect(multi.fields).toEqual({ sha256: 'def' });
  });

  it('refuses a file over the limit with the given code (413), and a form without the file', async () => {
    await expect(readUpload(new Request('http://x/up', { method: 'POST', body: 'x'.repeat(17) }), opts)).rejects.toMatchObject({ code: 'metadata.mds_too_large', status: 413 });
    const big = new FormData();
    big.set('file', new Blob(['x'.repeat(17)]), 'blob.jwt');
    await expect(readUpload(new Request('http://x/up', { method: 'POST', body: big }), opts)).rejects.toMatchObject({ code: 'metadata.mds_too_large' });
    const empty = new FormData();
    empty.set('sha256', 'abc');
    await expect(readUpload(new Request('http://x/up', { method: 'POST', body: empty }), opts)).rejects.toMatchObject({ code: 'request.validation_failed', fields: { file: 'Choose a file.' } });
  });
});
