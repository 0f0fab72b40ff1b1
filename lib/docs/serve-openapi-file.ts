import { AppError } from '../errors';
import { isOpenApiDocumentId, loadOpenApiDocument } from './load-openapi-document';

/** Documents change only with a deployment: cache briefly, revalidate cheaply with the ETag. */
export const OPENAPI_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';

const FORMATS = {
  json: 'application/json; charset=utf-8',
  // RFC 9512 registers application/yaml.
  yaml: 'application/yaml; charset=utf-8',
} as const;

/** True when an If-None-Match list (RFC 9110 §13.1.2, weak comparison) names the tag or is `*`. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/**
 * Serves `<id>.json` (the document parsed from YAML) or `<id>.yaml` (the repository file as is),
 * with caching headers and 304 on a matching If-None-Match.
 *
 * @throws AppError `request.not_found` for an unknown document or extension.
 */
export function serveOpenApiFile(options: { file: string; ifNoneMatch: string | null }): Response {
  const m = /^([a-z0-9-]+)\.(json|yaml)$/.exec(options.file);
  const id = m?.[1] ?? '';
  const format: keyof typeof FORMATS = m?.[2] === 'yaml' ? 'yaml' : 'json';
  if (!isOpenApiDocumentId(id)) throw new AppError('request.not_found', { detail: `no OpenAPI document ${options.file}` });
  const loaded = loadOpenApiDocument(id);
  const etag = `"${loaded.etag}-${format}"`;
  const headers = {
    'cache-control': OPENAPI_CACHE_CONTROL,
    etag,
    'content-type': FORMATS[format],
    'x-content-type-options': 'nosniff',
    // Public, credential-free documents: let API tools on other origins read them.
    'access-control-allow-origin': '*',
  };
  if (etagMatches(options.ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  return new Response(format === 'json' ? loaded.json : loaded.yaml, { status: 200, headers });
}
