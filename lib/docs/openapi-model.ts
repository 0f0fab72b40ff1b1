import { HTTP_METHODS, type THttpMethod, type TOpenApiDocument, type TOperation, type TParameter, type TRef, type TSchema } from './openapi-types';

/** The value a local reference (`#/components/...`, RFC 6901 JSON pointer) points at, or undefined. */
export function resolveRef(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function isRef(value: unknown): value is TRef {
  return typeof value === 'object' && value !== null && typeof (value as TRef).$ref === 'string';
}

/** Follows `$ref` chains (at most 16 hops, against cycles); undefined when a reference dangles. */
export function deref<T>(document: TOpenApiDocument, value: T | TRef | undefined): T | undefined {
  let current: unknown = value;
  for (let hops = 0; isRef(current); hops++) {
    if (hops > 16) return undefined;
    current = resolveRef(document, current.$ref);
  }
  return current as T | undefined;
}

/** The last segment of a reference: `#/components/schemas/Error` → `Error`. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Every `$ref` string anywhere in a value, in document order. */
export function collectRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

export type TOperationEntry = {
  method: THttpMethod;
  path: string;
  operation: TOperation;
  /** Path-level and operation-level parameters, resolved; the operation's win on (name, in). */
  parameters: TParameter[];
  /** A stable fragment id for links. */
  anchor: string;
};

export type TOperationGroup = { tag: string; description?: string; anchor: string; operations: TOperationEntry[] };

export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'section';
}

export function operationAnchor(method: string, path: string, operationId?: string): string {
  return `op-${operationId ? slugify(operationId) : `${method}-${slugify(path)}`}`;
}

/** Every operation of the document, in path order. */
export function listOperations(document: TOpenApiDocument): TOperationEntry[] {
  const entries: TOperationEntry[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const merged = new Map<string, TParameter>();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = deref<TParameter>(document, p);
        if (param) merged.set(`${param.in}:${param.name}`, param);
      }
      entries.push({ method, path, operation, parameters: [...merged.values()], anchor: operationAnchor(method, path, operation.operationId) });
    }
  }
  return entries;
}

/**
 * Operations grouped by their first tag: the document's `tags` order first, then tags met on the
 * way, then untagged operations under "Operations".
 */
export function groupOperations(document: TOpenApiDocument): TOperationGroup[] {
  const groups = new Map<string, TOperationGroup>();
  for (const t of document.tags ?? []) groups.set(t.name, { tag: t.name, description: t.description, anchor: `tag-${slugify(t.name)}`, operations: [] });
  for (const entry of listOperations(document)) {
    const tag = entry.operation.tags?.[0] ?? 'Operations';
    if (!groups.has(tag)) groups.set(tag, { tag, anchor: `tag-${slugify(tag)}`, operations: [] });
    groups.get(tag)!.operations.push(entry);
  }
  return [...groups.values()].filter((g) => g.operations.length > 0);
}

/** A one-line type of a schema: `string (uuid)`, `array<Passkey>`, `string | null`, `"a" | "b"`. */
export function schemaTypeLabel(schema: TSchema | undefined): string {
  if (!schema) return 'any';
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (list) return list.map((s) => schemaTypeLabel(s)).join(' | ');
  }
  if (schema.allOf) return schema.allOf.map((s) => schemaTypeLabel(s)).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const label = types
    .map((t) => {
      if (t === 'array') return `array<${schemaTypeLabel(schema.items)}>`;
      if (t === 'object' && !schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') return `map<string, ${schemaTypeLabel(schema.additionalProperties)}>`;
      return t;
    })
    .join(' | ');
  if (!label) return schema.properties ? 'object' : 'any';
  return schema.format ? `${label} (${schema.format})` : label;
}

export type TStatusKind = 'success' | 'redirect' | 'client-error' | 'server-error' | 'info';

export function statusKind(code: string): TStatusKind {
  const first = code[0];
  if (first === '2') return 'success';
  if (first === '3') return 'redirect';
  if (first === '4') return 'client-error';
  if (first === '5') return 'server-error';
  return 'info';
}
