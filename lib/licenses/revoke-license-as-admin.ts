import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { findLicensesInScope, withLicenseNames, type TAdminLicenseDto } from './admin-license';
import { revokeLicense } from './revoke-license';

/**
 * Revokes a license within the caller's scope (see isLicenseInScope), through the CLI's use-case
 * (idempotent; `licenses.revoked` audited once with actor `admin:<id>`). A license outside the
 * scope is "not found" and stays active.
 * @throws AppError `licenses.not_found`
 */
export async function revokeLicenseAsAdmin(options: { db: TDb; principal: TAdminPrincipal; licenseId: string; now?: Date }): Promise<TAdminLicenseDto> {
  return options.db.$transaction(async (tx: TTx) => {
    const [found] = await findLicensesInScope(tx, options.principal, { id: options.licenseId });
    if (!found) throw new AppError('licenses.not_found', { detail: `${options.licenseId} not in the scope of admin ${options.principal.adminId}` });
    const revoked = await revokeLicense({ db: tx, input: { id: found.id }, actor: adminActor(options.principal), now: options.now });
    const [license] = await withLicenseNames(tx, [revoked]);
    return license!;
  });
}
