/**
 * CORS for the APIs customers call from their own pages: spec 001 (fetch with `X-Api-Key`) and
 * the FIDO2 API 2.0 (the vendor's web SDK, with `Authorization: Bearer` on the user endpoints).
 * A JSON body or an authorization header makes the browser send a preflight. Any origin may read
 * the answers: these APIs use no cookies or other ambient credentials (no Allow-Credentials),
 * keys and tokens travel in headers the page sets itself, and each call is authorized on the
 * server (key + Origin, token, or the application's origins). Error answers carry the headers
 * too, so a page can read the error body instead of seeing a bare network error.
 */

/** What a surface's preflight allows. */
export type TCorsPolicy = { methods: readonly string[]; headers: readonly string[] };

/** Spec 001: POST with a JSON body and `X-Api-Key`. */
export const MINIMAL_API_CORS: TCorsPolicy = { methods: ['POST'], headers: ['content-type', 'x-api-key'] };

/** FIDO2 API 2.0: the init/complete calls, and the Bearer-token user endpoints. */
export const FIDO2_CORS: TCorsPolicy = { methods: ['GET', 'POST', 'PUT', 'DELETE'], headers: ['authorization', 'content-type'] };

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type',
} as const;

/** Adds the CORS headers to every answer of a route handler (success or error). */
export function withCors<R extends Request, C>(handler: (request: R, context: C) => Promise<Response>) {
  return async (request: R, context: C): Promise<Response> => {
    const response = await handler(request, context);
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
    return response;
  };
}

/**
 * The `OPTIONS` handler answering a CORS preflight, without authentication: browsers send none
 * of the page's own headers in it.
 */
export function corsPreflight(policy: TCorsPolicy): () => Promise<Response> {
  const headers = {
    ...CORS_HEADERS,
    'access-control-allow-methods': policy.methods.join(', '),
    'access-control-allow-headers': policy.headers.join(', '),
    'access-control-max-age': '600',
    'cache-control': 'no-store',
  };
  return async () => new Response(null, { status: 204, headers });
}
