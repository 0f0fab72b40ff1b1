import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` string in a JSON value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

/** RFC 6901 JSON pointer lookup of a local reference. */
function pointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), doc);
}

describe.each(['webauthn', 'fido2', 'hosted'])('/docs/openapi/%s', (id) => {
  it('serves the JSON document, a valid OpenAPI 3.1 shape', async () => {
    const res = await fetch(`${baseUrl}/docs/openapi/${id}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);

    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^#\//);
      expect(pointer(doc, ref), `${ref} resolves`).toBeDefined();
    }

    for (const [p, item] of Object.entries<Record<string, { responses?: Record<string, unknown> }>>(doc.paths)) {
      expect(p).toMatch(/^\//);
      const ops = METHODS.filter((m) => item[m]);
      expect(ops.length, p).toBeGreaterThan(0);
      for (const m of ops) expect(Object.keys(item[m]!.responses ?? {}).length, `${m} ${p} has responses`).toBeGreaterThan(0);
    }
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await fetch(`${baseUrl}/docs/openapi/${id}.json`);
    const res = await fetch(`${baseUrl}/docs/openapi/${id}.json`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(res.status).toBe(304);
  });

  it('serves the YAML exactly as in the repository', async () => {
    const res = await fetch(`${baseUrl}/docs/openapi/${id}.yaml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(await res.text()).toBe(fs.readFileSync(path.join(ROOT, 'docs', 'openapi', `${id}.yaml`), 'utf8'));
  });
});

describe('/docs', () => {
  it('answers 404 in JSON for an unknown document', async () => {
    const res = await fetch(`${baseUrl}/docs/openapi/nope.json`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'request.not_found', message: 'Not found.' } });
  });

  it('serves the reference pages as HTML without client-side rendering', async () => {
    for (const p of ['/docs', '/docs/webauthn', '/docs/hosted']) {
      const res = await fetch(`${baseUrl}${p}`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const html = await (await fetch(`${baseUrl}/docs/webauthn`)).text();
    expect(html).toContain('/webauthn/registration/request');
    expect(html).toContain('/webauthn/u1/attestation/options');
  });
});
