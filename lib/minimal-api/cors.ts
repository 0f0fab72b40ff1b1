/**
 * CORS for the spec 001 endpoints, which customers call from their own pages (fetch with
 * `X-Api-Key` and a JSON body, so the browser sends a preflight). Any origin may read the answers:
 * the API uses no cookies or other ambient credentials (no Allow-Credentials), the key travels in
 * a header the page sets itself, and each call is authorized by key + Origin on the server
 * (authenticate-call.ts). Error answers carry the headers too, so a page can read the problem
 * document instead of seeing a bare network error.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'content-type',
} as const;

const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type, x-api-key',
  'access-control-max-age': '600',
  'cache-control': 'no-store',
} as const;

/** Adds the CORS headers to every answer of a route handler (success or problem document). */
export function withCors<R extends Request, C>(handler: (request: R, context: C) => Promise<Response>) {
  return async (request: R, context: C): Promise<Response> => {
    const response = await handler(request, context);
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
    return response;
  };
}

/** The answer to a CORS preflight (`OPTIONS`), without authentication: browsers send no headers of the page's own in it. */
export async function corsPreflight(): Promise<Response> {
  return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
}
