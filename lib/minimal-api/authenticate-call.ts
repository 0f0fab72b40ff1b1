import type { TTx } from '../db';
import { AppError, isAppError } from '../errors';
import { isOriginWithinCommunity, type TApiKeyDto } from '../apikeys/api-key';
import { findActiveApiKey } from '../apikeys/find-active-api-key';
import { normalizeOrigin } from '../tenancy/rp-settings';
import { writeAuditEvent } from '../audit/write-audit-event';

/** Who calls a spec 001 endpoint: an API key of one community, from one allowed web origin. */
export type TMinimalApiCaller = {
  apiKey: TApiKeyDto;
  communityId: string;
  /** The request's Origin, normalised (scheme://host[:port]). */
  origin: string;
  /** WIRE-NOTES §4: the relying-party id is the host of the request's Origin. */
  rpId: string;
};

/** The Origin header as a web origin, or undefined (absent, `null`, opaque, not https/localhost). */
function webOriginOf(header: string | null): string | undefined {
  if (!header || header === 'null') return undefined;
  try {
    const origin = normalizeOrigin(header);
    return /^https?:\/\//.test(origin) ? origin : undefined;
  } catch (e) {
    if (isAppError(e)) return undefined;
    throw e;
  }
}

/**
 * Authenticates a spec 001 call (WIRE-NOTES §4). `X-Api-Key` names the application and so the
 * community; the rpId is the host of the request's `Origin`, which must be one of the key's
 * allowed origins and still belong to the community (its origins or within its rpId: the
 * community's settings may have changed since the key was made). The key is checked first, so a
 * caller without a valid key learns nothing about origins.
 * @throws AppError `auth.unauthenticated` (missing, unknown or revoked key),
 *   `auth.forbidden` (no Origin, or one the key or the community does not allow)
 */
export async function authenticateMinimalApiCall(options: { db: TTx; apiKey: string | null; origin: string | null; now?: Date }): Promise<TMinimalApiCaller> {
  const apiKey = await findActiveApiKey({ db: options.db, key: options.apiKey, now: options.now });
  if (!apiKey) throw new AppError('auth.unauthenticated', { detail: options.apiKey ? 'unknown or revoked API key' : 'no X-Api-Key' });
  // A known key used from a refused origin is worth an audit record (a leaked key being tried).
  const refuse = async (detail: string) => {
    await writeAuditEvent(options.db, { type: 'apikeys.origin_refused', actor: `apikey:${apiKey.id}`, result: 'failure', communityId: apiKey.communityId, subject: apiKey.id, detail: { origin: options.origin, reason: detail } });
    return new AppError('auth.forbidden', { detail });
  };
  const origin = webOriginOf(options.origin);
  if (!origin) throw await refuse(`missing or unusable Origin ${JSON.stringify(options.origin)}`);
  if (!apiKey.allowedOrigins.includes(origin)) throw await refuse(`API key ${apiKey.id} does not allow ${origin}`);
  const community = await options.db.community.findUnique({ where: { id: apiKey.communityId }, select: { rpId: true, origins: true } });
  if (!community || !isOriginWithinCommunity(community, origin)) throw await refuse(`${origin} is no longer within community ${apiKey.communityId}`);
  return { apiKey, communityId: apiKey.communityId, origin, rpId: new URL(origin).hostname };
}
