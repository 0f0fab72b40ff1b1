import type { TTx } from '../db';
import { AppError } from '../errors';
import { AUTH_LEVELS, type TAuthLevel, type TLicenseDto } from '../licenses/license';
import { assertLicenseAllows } from '../licenses/verify-license';
import { loadRpSettings, type TRpSettings } from '../passkeys/rp';

/**
 * License levels the 000 ceremony and unregister calls accept. Spec 000 names none for them; per
 * WIRE-NOTES §5 a level says who holds the license (system, service, app, and their `_ext`
 * variants), and every one of them legitimately runs passkey ceremonies for the communities it is
 * authorized for, so all five are accepted and the community list does the scoping.
 */
export const WEBAUTHN_000_LEVELS: readonly TAuthLevel[] = AUTH_LEVELS;

/**
 * Checks the license for the community a call acts on, then that the community exists, belongs to
 * `tenantId` when one is given, and serves `dns` as its rpId.
 * @throws AppError `auth.forbidden`, `tenancy.community_not_found`, `request.validation_failed`
 */
export async function authorizeTarget(
  db: TTx,
  license: TLicenseDto,
  target: { communityId: string; tenantId?: string; dns?: string },
): Promise<TRpSettings> {
  assertLicenseAllows(license, { levels: WEBAUTHN_000_LEVELS, communityId: target.communityId });
  const rp = await loadRpSettings(db, target.communityId);
  if (target.tenantId !== undefined && target.tenantId !== rp.tenantId) {
    throw new AppError('tenancy.community_not_found', { detail: `community ${rp.communityId} is not in tenant ${target.tenantId}` });
  }
  if (target.dns !== undefined && target.dns.toLowerCase().replace(/\.$/, '') !== rp.rpId.toLowerCase()) {
    throw new AppError('request.validation_failed', {
      fields: { dns: 'not served by this community' },
      publicMessage: 'Validation error: dns is not a relying party of this community',
      detail: `dns ${target.dns} != rpId ${rp.rpId}`,
    });
  }
  return rp;
}
