import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { LICENSE_DTO_SELECT, toLicenseDto, type TLicenseDto } from './license';

export const ZListLicensesInput = z
  .object({
    /** Include revoked licenses (default true: an operator listing shows the whole history). */
    includeRevoked: z.boolean().default(true),
  })
  .strict();
export type TListLicensesInput = z.input<typeof ZListLicensesInput>;

/**
 * Lists licenses, oldest first, as DTOs (prefix, level, communities, status; never the key hash).
 * `scope.tenantId` restricts the listing to one tenant's licenses.
 *
 * @throws AppError `request.validation_failed`
 */
export async function listLicenses(options: {
  db: TTx;
  input?: TListLicensesInput;
  scope?: { tenantId: string };
}): Promise<TLicenseDto[]> {
  const input = parseInput(ZListLicensesInput, options.input ?? {});
  const rows = await options.db.license.findMany({
    where: {
      ...(options.scope ? { tenantId: options.scope.tenantId } : {}),
      ...(input.includeRevoked ? {} : { revokedAt: null }),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: LICENSE_DTO_SELECT,
  });
  return rows.map(toLicenseDto);
}
