import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction, LICENSE_DTO_SELECT, toLicenseDto, type TLicenseDto } from './license';

export const ZRevokeLicenseInput = z.object({ id: z.string().trim().min(1, 'id is required') }).strict();
export type TRevokeLicenseInput = z.input<typeof ZRevokeLicenseInput>;

/**
 * Revokes a license: from `revokedAt` on, `findActiveLicense` no longer finds it.
 *
 * Idempotent: revoking a revoked license succeeds and returns it unchanged (its original
 * `revokedAt`), without a second audit event, so a retried command is harmless. The update is
 * conditional on `revokedAt` being unset, so two concurrent revocations record one event.
 *
 * `scope.tenantId` restricts the call to one tenant's licenses (a tenant admin); a license
 * outside the scope is reported as not found and is left unchanged.
 *
 * @throws AppError `request.validation_failed`, `licenses.not_found`
 */
export async function revokeLicense(options: {
  db: TDb | TTx;
  input: TRevokeLicenseInput;
  actor: string;
  scope?: { tenantId: string };
  now?: Date;
}): Promise<TLicenseDto> {
  const { id } = parseInput(ZRevokeLicenseInput, options.input);
  const now = options.now ?? new Date();
  const where = { id, ...(options.scope ? { tenantId: options.scope.tenantId } : {}) };

  return inTransaction(options.db, async (tx) => {
    const { count } = await tx.license.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    const row = await tx.license.findFirst({ where, select: LICENSE_DTO_SELECT });
    if (!row) throw new AppError('licenses.not_found', { detail: id });
    if (count === 1) {
      const communityIds = Array.isArray(row.communityIds) ? (row.communityIds as string[]) : [];
      await writeAuditEvent(tx, {
        type: 'licenses.revoked',
        actor: options.actor,
        result: 'success',
        tenantId: row.tenantId,
        communityId: communityIds.length === 1 ? communityIds[0] : null,
        subject: row.id,
        detail: { keyPrefix: row.keyPrefix, authLevel: row.authLevel },
      });
    }
    return toLicenseDto(row);
  });
}
