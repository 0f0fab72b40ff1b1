import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { hashSecret, randomToken } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import { normalizeOrigin } from '../tenancy/rp-settings';
import { API_KEY_DTO_SELECT, API_KEY_PREFIX, API_KEY_PREFIX_LENGTH, isOriginWithinCommunity, toApiKeyDto, type TApiKeyDto } from './api-key';

export const ZCreateApiKeyInput = z
  .object({
    communityId: z.string().trim().min(1, 'communityId is required'),
    allowedOrigins: z.array(z.string()).min(1, 'at least one allowed origin is required').max(50),
    label: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export type TCreateApiKeyResult = {
  apiKey: TApiKeyDto;
  /** The key in clear. Only its hash is stored: this is the one time it is available. */
  key: string;
};

/**
 * Normalises allowed origins. Only web origins: spec 001 derives the rpId from the Origin
 * header's host, which an `android:apk-key-hash:` origin does not have.
 * @throws AppError `tenancy.invalid_origin`
 */
function normalizeWebOrigins(values: string[]): string[] {
  const out = values.map((v) => {
    const origin = normalizeOrigin(v);
    if (!/^https?:\/\//.test(origin)) throw new AppError('tenancy.invalid_origin', { detail: `${v} is not a web origin` });
    return origin;
  });
  return [...new Set(out)];
}

/**
 * Creates an API key for the spec 001 endpoints of one community. Generates `lkk_` + 256 random
 * bits, stores only its SHA-256 and a short prefix, and records `apikeys.created` in the same
 * transaction. The key is returned once, in the result.
 *
 * Every allowed origin must be a web origin of the community (listed in its origins or within its
 * rpId), so a key can never make the service act as a relying party the community does not own.
 *
 * @throws AppError `request.validation_failed`, `tenancy.invalid_origin`,
 *   `tenancy.community_not_found`, `apikeys.origin_not_in_community`
 */
export async function createApiKey(options: { db: TDb | TTx; input: TCreateApiKeyInput; actor: string; now?: Date }): Promise<TCreateApiKeyResult> {
  const input = parseInput(ZCreateApiKeyInput, options.input);
  const allowedOrigins = normalizeWebOrigins(input.allowedOrigins);
  const now = options.now ?? new Date();
  const key = API_KEY_PREFIX + randomToken();

  return inTransaction(options.db, async (tx) => {
    const community = await tx.community.findUnique({ where: { id: input.communityId }, select: { id: true, tenantId: true, rpId: true, origins: true } });
    if (!community) throw new AppError('tenancy.community_not_found', { detail: input.communityId });
    const outside = allowedOrigins.filter((o) => !isOriginWithinCommunity(community, o));
    if (outside.length > 0) throw new AppError('apikeys.origin_not_in_community', { detail: `${outside.join(', ')} not within ${community.rpId}` });
    const row = await tx.apiKey.create({
      data: { communityId: community.id, secretHash: hashSecret(key), keyPrefix: key.slice(0, API_KEY_PREFIX_LENGTH), allowedOrigins, label: input.label ?? null, createdAt: now },
      select: API_KEY_DTO_SELECT,
    });
    await writeAuditEvent(tx, {
      type: 'apikeys.created',
      actor: options.actor,
      result: 'success',
      tenantId: community.tenantId,
      communityId: community.id,
      subject: row.id,
      detail: { keyPrefix: row.keyPrefix, allowedOrigins, label: row.label },
    });
    return { apiKey: toApiKeyDto(row), key };
  });
}
