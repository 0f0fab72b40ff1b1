import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { TOpenApiDocument } from './openapi-types';

/** The published OpenAPI documents: id → file under docs/openapi and a one-line summary. */
export const OPENAPI_DOCUMENTS = {
  webauthn: { file: 'webauthn.yaml', summary: 'Server-to-server passkey ceremonies under /webauthn: the WebAuthn service (enveloped and u1) and the minimal X-Api-Key API.' },
  fido2: { file: 'fido2.yaml', summary: 'FIDO2 API 2.0 under /fido2/v2 for applications and their front ends: passkey sign-in, registration, transaction confirmation, passkey management, JWKS.' },
  hosted: { file: 'hosted.yaml', summary: 'The JSON endpoints behind the hosted sign-up, sign-in and account pages (/c/{communityId}/api).' },
} as const;

export type TOpenApiDocumentId = keyof typeof OPENAPI_DOCUMENTS;

export type TLoadedOpenApiDocument = {
  id: TOpenApiDocumentId;
  /** The YAML text exactly as in the repository. */
  yaml: string;
  document: TOpenApiDocument;
  /** The document as JSON text (2-space indented). */
  json: string;
  /** Hash of the YAML text: the base of both representations' entity tags (RFC 9110 §8.8.3). */
  etag: string;
};

export function isOpenApiDocumentId(id: string): id is TOpenApiDocumentId {
  return Object.hasOwn(OPENAPI_DOCUMENTS, id);
}

const cache = new Map<TOpenApiDocumentId, { mtimeMs: number; loaded: TLoadedOpenApiDocument }>();

/**
 * Reads and parses one published document from docs/openapi (the server runs from the project
 * root, `next start`). Parsed once per file version: the modification time is checked, so edits
 * show up in development without a restart. Throws on a missing file or invalid YAML: the
 * documents ship with the build, so either is a deployment error.
 */
export function loadOpenApiDocument(id: TOpenApiDocumentId): TLoadedOpenApiDocument {
  // Statically scoped to docs/openapi so the build traces only that folder.
  const file = path.join(process.cwd(), 'docs', 'openapi', OPENAPI_DOCUMENTS[id].file);
  const { mtimeMs } = fs.statSync(file);
  const hit = cache.get(id);
  if (hit && hit.mtimeMs === mtimeMs) return hit.loaded;
  const yaml = fs.readFileSync(file, 'utf8');
  const document = parse(yaml) as TOpenApiDocument;
  const loaded: TLoadedOpenApiDocument = {
    id,
    yaml,
    document,
    json: JSON.stringify(document, null, 2),
    etag: createHash('sha256').update(yaml).digest('base64url').slice(0, 27),
  };
  cache.set(id, { mtimeMs, loaded });
  return loaded;
}
