import { NextRequest } from 'next/server';
import { toAppError } from '../errors';
import { log } from '../log';
import { getConfig } from '../config';
import { readJsonBody, DEFAULT_BODY_LIMIT } from './body';
import { renderError, type TSurface } from './formats';

export type TRouteContext<P> = {
  request: NextRequest;
  params: P;
  /** Client IP: the socket peer, or X-Forwarded-For's first hop when LATCHKEY_TRUST_PROXY is set. */
  ip: string | null;
  /** The parsed JSON body (`{}` when empty); undefined for GET/HEAD/DELETE without a body. */
  readBody: () => Promise<unknown>;
};

export type TRouteOptions = { bodyLimit?: number };

type THandler<P> = (ctx: TRouteContext<P>) => Promise<Response | object>;

/** Client IP: the socket peer, or X-Forwarded-For's first hop when LATCHKEY_TRUST_PROXY is set. */
export function clientIp(request: { headers: { get(name: string): string | null } }): string | null {
  if (getConfig().trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return request.headers.get('x-real-ip');
}

/**
 * The one route wrapper (CONVENTIONS.md §2): resolves params, reads the body with the shared
 * checks, renders a returned object as JSON and any thrown error in the surface's format, and
 * marks every answer `Cache-Control: no-store`.
 */
export function defineRoute<P = Record<string, string | string[]>>(surface: TSurface, handler: THandler<P>, options: TRouteOptions = {}) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await context.params;
      let body: Promise<unknown> | undefined;
      const result = await handler({
        request,
        params,
        ip: clientIp(request),
        readBody: () => (body ??= readJsonBody(request, options.bodyLimit ?? DEFAULT_BODY_LIMIT)),
      });
      if (result instanceof Response) {
        if (!result.headers.has('cache-control')) result.headers.set('cache-control', 'no-store');
        return result;
      }
      return Response.json(result, { headers: { 'cache-control': 'no-store' } });
    } catch (e) {
      const error = toAppError(e);
      if (!error.expose) log.error('request failed', { path: request.nextUrl.pathname, code: error.code, detail: error.detail, stack: (e as Error)?.stack });
      else log.debug('request rejected', { path: request.nextUrl.pathname, code: error.code, detail: error.detail });
      return renderError(surface, error);
    }
  };
}

export const webauthnRoute = <P = Record<string, string | string[]>>(h: THandler<P>, o?: TRouteOptions) => defineRoute<P>('webauthn', h, o);
export const authnRoute = <P = Record<string, string | string[]>>(h: THandler<P>, o?: TRouteOptions) => defineRoute<P>('authn', h, o);
export const fido2Route = <P = Record<string, string | string[]>>(h: THandler<P>, o?: TRouteOptions) => defineRoute<P>('fido2', h, o);
export const problemRoute = <P = Record<string, string | string[]>>(h: THandler<P>, o?: TRouteOptions) => defineRoute<P>('problem', h, o);
