import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import { normalizeOrigin } from '../tenancy/rp-settings';
import { isOriginWithinCommunity } from '../apikeys/api-key';
import { APPLICATION_DTO_SELECT, TOKEN_TTL_MAX_SECONDS, TOKEN_TTL_MIN_SECONDS, toApplicationDto, type TApplicationDto } from './application';

export const ZApplicationFields = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  origins: z.array(z.string()).max(50).default([]),
  allowSignUp: z.boolean().default(true),
  tokenTtlSeconds: z.number().int().min(TOKEN_TTL_MIN_SECONDS).max(TOKEN_TTL_MAX_SECONDS).default(3600),
});

export const ZCreateApplicationInput = ZApplicationFields.extend({
  communityId: z.string().trim().min(1, 'communityId is required'),
}).strict();
export type TCreateApplicationInput = z.input<typeof ZCreateApplicationInput>;

/**
 * Normalises an application's origins and checks that each is a web origin of the community
 * (listed or within its rpId), so an application can never make the service act for a relying
 * party the community does not own.
 * @throws AppError `tenancy.invalid_origin`, `apikeys.origin_not_in_community`
 */
export function normalizeApplicationOrigins(community: { rpId: string; origins: unknown }, values: string[]): string[] {
  const out = [...new Set(values.map((v) => normalizeOrigin(v)))];
  for (const origin of out) {
    if (!/^https?:\/\//.test(origin)) throw new AppError('tenancy.invalid_origin', { detail: `${origin} is not a web origin` });
    if (!isOriginWithinCommunity(community, origin)) throw new AppError('apikeys.origin_not_in_community', { detail: `${origin} not within ${community.rpId}` });
  }
  return out;
}

/**
 * Registers an application of the FIDO2 API 2.0 dialect in a community and records
 * `applications.created` in the same transaction.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`,
 *   `tenancy.invalid_origin`, `apikeys.origin_not_in_community`
 */
export async function createApplication(options: { db: TDb | TTx; input: TCreateApplicationInput; actor: string; now?: Date }): Promise<TApplicationDto> {
  const input = parseInput(ZCreateApplicationInput, options.input);
  return inTransaction(options.db, async (tx) => {
    const community = await tx.community.findFirst({ where: { id: input.communityId, purpose: 'users' }, select: { id: true, tenantId: true, rpId: true, origins: true } });
    if (!community) throw new AppError('tenancy.community_not_found', { detail: input.communityId });
    const origins = normalizeApplicationOrigins(community, input.origins);
    const row = await tx.application.create({
      data: { communityId: community.id, name: input.name, origins, allowSignUp: input.allowSignUp, tokenTtlSeconds: input.tokenTtlSeconds, ...(options.now ? { createdAt: options.now } : {}) },
      select: APPLICATION_DTO_SELECT,
    });
    await writeAuditEvent(tx, {
      type: 'applications.created',
      actor: options.actor,
      result: 'success',
      tenantId: community.tenantId,
      communityId: community.id,
      subject: row.id,
      detail: { name: row.name, origins, allowSignUp: row.allowSignUp, tokenTtlSeconds: row.tokenTtlSeconds },
    });
    return toApplicationDto(row);
  });
}
