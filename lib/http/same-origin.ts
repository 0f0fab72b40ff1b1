import type { NextRequest } from 'next/server';
import { AppError } from '../errors';
import { getConfig } from '../config';

/**
 * Refuses state-changing requests sent from another site (defence in depth on top of
 * SameSite=Lax cookies and the JSON content type): a browser always sends Origin on
 * cross-origin POST/PATCH/DELETE, so a present Origin must be this service's.
 * @throws AppError `auth.forbidden`
 */
export function assertSameOrigin(request: NextRequest): void {
  if (request.method === 'GET' || request.method === 'HEAD') return;
  const origin = request.headers.get('origin');
  if (origin && origin !== getConfig().origin && origin !== request.nextUrl.origin) {
    throw new AppError('auth.forbidden', { detail: `cross-site ${request.method} from ${origin}` });
  }
}
