import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { validationError } from '../errors/validation';
import { hashSecret, randomToken } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import {
  inTransaction,
  LICENSE_DTO_SELECT,
  LICENSE_KEY_PREFIX,
  LICENSE_KEY_PREFIX_LENGTH,
  toLicenseDto,
  ZAuthLevel,
  type TLicenseDto,
} from './license';

export const ZCreateLicenseInput = z
  .object({
    authLevel: ZAuthLevel,
    communityIds: z.array(z.string().trim().min(1)).default([]),
    label: z.string().trim().min(1).max(100).optional(),
    tenantId: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // Only a service-wide `system` license may name no community (= all communities). A
    // tenant's license must list its communities, so that "all" never crosses a tenant boundary.
    if (v.communityIds.length === 0 && (v.authLevel !== 'system' || v.tenantId !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['communityIds'],
        message: v.authLevel === 'system' ? 'a tenant license must name at least one community' : 'at least one community is required',
      });
    }
  });
export type TCreateLicenseInput = Omit<z.input<typeof ZCreateLicenseInput>, 'authLevel'> & { authLevel: string };

export type TCreateLicenseResult = {
  license: TLicenseDto;
  /** The license key in clear. Only its hash is stored: this is the one time it is available. */
  key: string;
};

function parseCreateLicenseInput(input: unknown): z.output<typeof ZCreateLicenseInput> {
  const parsed = ZCreateLicenseInput.safeParse(input);
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.some((i) => i.path[0] === 'authLevel')) {
    const level = (input as { authLevel?: unknown } | null)?.authLevel;
    throw new AppError('licenses.invalid_auth_level', { detail: String(level) });
  }
  throw validationError(parsed.error);
}

/**
 * Creates a license for the 000/004 dialects. Generates a random key (`lk_` + 256 random bits),
 * stores only its SHA-256 and a short prefix, and records `licenses.created` in the same
 * transaction. The key is returned once, in the result.
 *
 * Every community must exist (and belong to `tenantId` when given). A `system` license without a
 * tenant may name no community, meaning all communities.
 *
 * @throws AppError `licenses.invalid_auth_level`, `request.validation_failed`,
 *   `tenancy.tenant_not_found`, `tenancy.community_not_found`
 */
export async function createLicense(options: {
  db: TDb | TTx;
  input: TCreateLicenseInput;
  actor: string;
  now?: Date;
}): Promise<TCreateLicenseResult> {
  const input = parseCreateLicenseInput(options.input);
  const communityIds = [...new Set(input.communityIds)];
  const now = options.now ?? new Date();
  const key = LICENSE_KEY_PREFIX + randomToken();

  return inTransaction(options.db, async (tx) => {
    if (input.tenantId !== undefined) {
      const tenant = await tx.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } });
      if (!tenant) throw new AppError('tenancy.tenant_not_found', { detail: input.tenantId });
    }
    if (communityIds.length > 0) {
      // Scoped to the tenant when given: another tenant's community is "not found" (no leak).
      const found = await tx.community.findMany({
        where: { id: { in: communityIds }, ...(input.tenantId !== undefined ? { tenantId: input.tenantId } : {}) },
        select: { id: true },
      });
      const known = new Set(found.map((c) => c.id));
      const missing = communityIds.filter((id) => !known.has(id));
      if (missing.length > 0) throw new AppError('tenancy.community_not_found', { detail: missing.join(', ') });
    }
    const row = await tx.license.create({
      data: {
        tenantId: input.tenantId ?? null,
        keyHash: hashSecret(key),
        keyPrefix: key.slice(0, LICENSE_KEY_PREFIX_LENGTH),
        authLevel: input.authLevel,
        communityIds,
        label: input.label ?? null,
        createdAt: now,
      },
      select: LICENSE_DTO_SELECT,
    });
    await writeAuditEvent(tx, {
      type: 'licenses.created',
      actor: options.actor,
      result: 'success',
      tenantId: row.tenantId,
      communityId: communityIds.length === 1 ? communityIds[0] : null,
      subject: row.id,
      detail: { authLevel: row.authLevel, communityIds, keyPrefix: row.keyPrefix, label: row.label },
    });
    return { license: toLicenseDto(row), key };
  });
}
