import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityScopeWhere } from '../admin/scope';
import { ZBrandingEdit } from './branding-schema';
import { COMMUNITY_SETTINGS_SELECT, toCommunitySettingsDto, type TCommunitySettingsDto } from './community-settings';
import { ZCommunityGeneralEdit } from './tenancy-schemas';
import { assertRpIdCoversOrigins, normalizeOriginsField, ZRelyingPartyEdit } from './rp-settings';

async function findInScope(tx: TTx, principal: TAdminPrincipal, communityId: string) {
  const row = await tx.community.findFirst({ where: { AND: [{ id: communityId }, communityScopeWhere(principal)] }, select: COMMUNITY_SETTINGS_SELECT });
  if (!row) throw new AppError('tenancy.community_not_found', { detail: `${communityId} not in the scope of admin ${principal.adminId}` });
  return row;
}

async function reload(tx: TTx, id: string): Promise<TCommunitySettingsDto> {
  return toCommunitySettingsDto(await tx.community.findUniqueOrThrow({ where: { id }, select: COMMUNITY_SETTINGS_SELECT }));
}

/**
 * Renames a community the caller administers (system, its tenant's admin, or its community admin).
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`, `tenancy.community_exists`
 */
export async function renameCommunity(options: { db: TDb; principal: TAdminPrincipal; communityId: string; input: unknown }): Promise<TCommunitySettingsDto> {
  const input = parseInput(ZCommunityGeneralEdit, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    const row = await findInScope(tx, options.principal, options.communityId);
    if (row.name === input.name) return toCommunitySettingsDto(row);
    const clash = await tx.community.findFirst({ where: { tenantId: row.tenant.id, name: input.name, purpose: 'users', id: { not: row.id } }, select: { id: true } });
    if (clash) throw new AppError('tenancy.community_exists', { detail: input.name, fields: { name: 'Another community of this tenant has this name' } });
    await tx.community.update({ where: { id: row.id }, data: { name: input.name } });
    await writeAuditEvent(tx, {
      type: 'tenancy.community_renamed', actor: adminActor(options.principal), result: 'success', tenantId: row.tenant.id, communityId: row.id, subject: row.id,
      detail: { from: row.name, to: input.name },
    });
    return reload(tx, row.id);
  });
}

/**
 * Replaces a community's relying-party settings (the same checks as creating one: origins are
 * https (http only for localhost) or android, and every web origin lies within the rpId).
 * Changing the rpId makes the community's existing passkeys unusable (a passkey is bound to its
 * rpId), so when it has any the caller must send `confirmRpIdChange: true`. The audit event
 * records each changed setting's from/to.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`, `tenancy.invalid_origin`,
 *   `tenancy.invalid_rp_id`, `tenancy.rp_id_change_unconfirmed`
 */
export async function updateRelyingParty(options: { db: TDb; principal: TAdminPrincipal; communityId: string; input: unknown }): Promise<TCommunitySettingsDto> {
  const input = parseInput(ZRelyingPartyEdit, options.input);
  const origins = normalizeOriginsField('origins', input.origins);
  const relatedOrigins = normalizeOriginsField('relatedOrigins', input.relatedOrigins, { webOnly: true });
  const allowedTopOrigins = normalizeOriginsField('allowedTopOrigins', input.allowedTopOrigins, { webOnly: true });
  try {
    assertRpIdCoversOrigins(input.rpId, origins);
  } catch (e) {
    throw new AppError('tenancy.invalid_rp_id', { detail: (e as AppError).detail, fields: { rpId: 'Every web origin must be this domain or a subdomain of it' } });
  }
  return options.db.$transaction(async (tx: TTx) => {
    const row = await findInScope(tx, options.principal, options.communityId);
    const before = toCommunitySettingsDto(row);
    if (input.rpId !== row.rpId && row._count.passkeys > 0 && input.confirmRpIdChange !== true) {
      throw new AppError('tenancy.rp_id_change_unconfirmed', { detail: `${row.id}: ${row.rpId} -> ${input.rpId} with ${row._count.passkeys} passkeys` });
    }
    const next = {
      rpId: input.rpId, rpName: input.rpName, origins, relatedOrigins, userVerification: input.userVerification, attestation: input.attestation,
      algorithms: input.algorithms, timeoutMs: input.timeoutMs, allowCrossOrigin: input.allowCrossOrigin, allowedTopOrigins,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, to] of Object.entries(next)) {
      const from = before[key as keyof typeof next];
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
    }
    if (Object.keys(changes).length === 0) return before;
    await tx.community.update({ where: { id: row.id }, data: next });
    await writeAuditEvent(tx, {
      type: 'tenancy.relying_party_changed', actor: adminActor(options.principal), result: 'success', tenantId: row.tenant.id, communityId: row.id, subject: row.id,
      detail: { changes, ...(changes.rpId ? { passkeysOfOldRpId: row._count.passkeys } : {}) },
    });
    return reload(tx, row.id);
  });
}

/**
 * Replaces the branding of a community's hosted pages (name, logo, colours). Empty values are
 * not stored: the hosted pages fall back to their defaults.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`
 */
export async function updateBranding(options: { db: TDb; principal: TAdminPrincipal; communityId: string; input: unknown }): Promise<TCommunitySettingsDto> {
  const input = parseInput(ZBrandingEdit, options.input);
  const branding = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== ''));
  return options.db.$transaction(async (tx: TTx) => {
    const row = await findInScope(tx, options.principal, options.communityId);
    const before = toCommunitySettingsDto(row).branding;
    if (JSON.stringify(before) === JSON.stringify(input)) return toCommunitySettingsDto(row);
    await tx.community.update({ where: { id: row.id }, data: { branding } });
    await writeAuditEvent(tx, {
      type: 'tenancy.branding_changed', actor: adminActor(options.principal), result: 'success', tenantId: row.tenant.id, communityId: row.id, subject: row.id,
      detail: { from: before, to: input },
    });
    return reload(tx, row.id);
  });
}
