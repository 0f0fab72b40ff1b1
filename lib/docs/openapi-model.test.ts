import { describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENTS, loadOpenApiDocument, type TOpenApiDocumentId } from './load-openapi-document';
import { collectRefs, deref, groupOperations, listOperations, resolveRef, schemaTypeLabel } from './openapi-model';
import type { TOpenApiDocument } from './openapi-types';

describe.each(Object.keys(OPENAPI_DOCUMENTS) as TOpenApiDocumentId[])('the %s document', (id) => {
  const { document } = loadOpenApiDocument(id);

  it('is OpenAPI 3.1 and every $ref resolves', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    for (const ref of collectRefs(document)) expect(resolveRef(document, ref), ref).toBeDefined();
  });

  it('groups every operation under a tag, each with responses', () => {
    const all = listOperations(document);
    expect(all.length).toBeGreaterThan(0);
    expect(groupOperations(document).flatMap((g) => g.operations)).toHaveLength(all.length);
    for (const op of all) expect(Object.keys(op.operation.responses ?? {}).length, `${op.method} ${op.path}`).toBeGreaterThan(0);
  });
});

describe('openapi model helpers', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' }, 'x/y': { type: 'integer' } } },
  } as TOpenApiDocument;

  it('resolves escaped pointers and follows chains', () => {
    expect(resolveRef(doc, '#/components/schemas/x~1y')).toEqual({ type: 'integer' });
    expect(resolveRef(doc, '#/components/schemas/missing')).toBeUndefined();
    expect(deref(doc, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
  });

  it('labels schema types', () => {
    expect(schemaTypeLabel({ type: 'array', items: { $ref: '#/components/schemas/Passkey' } })).toBe('array<Passkey>');
    expect(schemaTypeLabel({ type: ['string', 'null'], format: 'date-time' })).toBe('string | null (date-time)');
    expect(schemaTypeLabel({ type: 'object', additionalProperties: { type: 'string' } })).toBe('map<string, string>');
    expect(schemaTypeLabel({ enum: ['a', 'b'] })).toBe('"a" | "b"');
  });
});
