import { getConfig } from '../config';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { deriveKey } from '../crypto/tokens';
import { getDb, type TDb } from '../db';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { authenticateMinimalApiCall, type TMinimalApiCaller } from './authenticate-call';

/** What the route wrapper hands over (a structural subset of lib/http's TRouteContext). */
export type TMinimalApiRequest = { request: Request; ip: string | null; readBody: () => Promise<unknown> };

export type TMinimalApiInput = { db: TDb; caller: TMinimalApiCaller; body: unknown; meta: TRequestMeta; decoyKey: Buffer };

/**
 * Runs one spec 001 use-case: authenticates the caller (X-Api-Key + Origin) before the body is
 * read, so an unauthenticated request is refused whatever it carries, then hands over the body.
 * The route wrapper (`problemRoute`) renders the result or the error (RFC 9457).
 */
export async function runMinimalApiCall<T>(ctx: TMinimalApiRequest, operation: (input: TMinimalApiInput) => Promise<T>): Promise<T> {
  const db = getDb();
  const caller = await authenticateMinimalApiCall({ db, apiKey: ctx.request.headers.get('x-api-key'), origin: ctx.request.headers.get('origin') });
  const body = await ctx.readBody();
  return operation({
    db,
    caller,
    body,
    meta: { ip: ctx.ip, userAgent: ctx.request.headers.get('user-agent') },
    get decoyKey() {
      return deriveKey(loadKeyEncryptionKey(getConfig()), 'decoy-credentials');
    },
  });
}
