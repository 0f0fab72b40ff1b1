import type { NextRequest } from 'next/server';
import { AppError } from '../errors';
import { getConfig } from '../config';

/**
 * Refuses requests sent from another site (defence in depth on top of SameSite=Lax cookies and
 * the JSON content type):
 * - state-changing ones: a browser always sends Origin on cross-origin POST/PATCH/DELETE, so a
 *   present Origin must be this service's;
 * - reads that another site started (`Sec-Fetch-Site: cross-site`, e.g. a link to the audit
 *   export, which SameSite=Lax would send the cookie with): JSON endpoints are only fetched by
 *   their own pages. Clients that send no Sec-Fetch-Site (servers, the CLI, tests) are unaffected.
 * @throws AppError `auth.forbidden`
 */
export function assertSameOrigin(request: NextRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD') {
    if (request.headers.get('sec-fetch-site') === 'cross-site') throw new AppError('auth.forbidden', { detail: `cross-site ${request.method} ${request.nextUrl.pathname}` });
    return;
  }
  const origin = request.headers.get('origin');
  if (origin && origin !== getConfig().origin && origin !== request.nextUrl.origin) {
    throw new AppError('auth.forbidden', { detail: `cross-site ${request.method} from ${origin}` });
  }
}
