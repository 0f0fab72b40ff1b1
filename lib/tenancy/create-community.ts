import { z } from 'zod';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import { parseInput } from '../errors/validation';
import { assertRpIdCoversOrigins, normalizeOrigin, ZRpSettingsInput } from './rp-settings';

export const ZCreateCommunityInput = ZRpSettingsInput.extend({
  tenantId: z.string().min(1),
  name: z.string().trim().min(1, 'name is required').max(100),
});
export type TCreateCommunityInput = z.input<typeof ZCreateCommunityInput>;

export type TCommunityDto = {
  id: string;
  tenantId: string;
  name: string;
  isDefault: boolean;
  rpId: string;
  rpName: string;
  origins: string[];
  userVerification: string;
  attestation: string;
  createdAt: string;
};

export function toCommunityDto(row: {
  id: string; tenantId: string; name: string; isDefault: boolean; rpId: string; rpName: string; origins: unknown; userVerification: string; attestation: string; createdAt: Date;
}): TCommunityDto {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    isDefault: row.isDefault,
    rpId: row.rpId,
    rpName: row.rpName,
    origins: row.origins as string[],
    userVerification: row.userVerification,
    attestation: row.attestation,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Creates a community (realm) in a tenant with its relying-party settings. Names are unique per
 * tenant among communities of the same purpose (the console realm is not listed with the others).
 * @throws AppError `request.validation_failed`, `tenancy.tenant_not_found`, `tenancy.invalid_origin`,
 *   `tenancy.invalid_rp_id`, `tenancy.community_exists`
 */
export async function createCommunity(options: {
  db: TTx;
  input: TCreateCommunityInput;
  actor: string;
  isDefault?: boolean;
  /** `users` (default): an end-user realm; `console`: the admins' realm (lib/admin/console-community.ts). */
  purpose?: 'users' | 'console';
}): Promise<TCommunityDto> {
  const purpose = options.purpose ?? 'users';
  const input = parseInput(ZCreateCommunityInput, options.input);
  const origins = [...new Set(input.origins.map(normalizeOrigin))];
  assertRpIdCoversOrigins(input.rpId, origins);

  const { db } = options;
  const tenant = await db.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } });
  if (!tenant) throw new AppError('tenancy.tenant_not_found', { detail: input.tenantId });
  const clash = await db.community.findFirst({ where: { tenantId: input.tenantId, name: input.name, purpose }, select: { id: true } });
  if (clash) throw new AppError('tenancy.community_exists', { detail: input.name });

  const row = await db.community.create({
    data: {
      tenantId: input.tenantId,
      name: input.name,
      isDefault: options.isDefault ?? false,
      purpose,
      rpId: input.rpId,
      rpName: input.rpName ?? input.name,
      origins,
      userVerification: input.userVerification,
      attestation: input.attestation,
    },
  });
  await writeAuditEvent(db, {
    type: 'tenancy.community_created', actor: options.actor, result: 'success', tenantId: row.tenantId, communityId: row.id, subject: row.id,
    detail: { name: row.name, rpId: row.rpId, origins, ...(purpose === 'console' ? { purpose } : {}) },
  });
  return toCommunityDto(row);
}
