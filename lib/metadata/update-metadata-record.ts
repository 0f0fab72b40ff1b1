import type { TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertRole } from '../admin/scope';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { getMetadataRecord, metadataRecordScopeWhere, updatedByOf, type TMetadataRecordDetailDto } from './metadata-record';
import { ZMetadataRecordUpdate } from './metadata-record-schema';
import { updateVendorMetadata } from './update-vendor-metadata';

/**
 * Edits a vendor metadata record from the console (name, icons, metadata JSON), or disables /
 * enables it (`{disabled}`): a disabled record no longer names new passkeys. The record is found
 * within the caller's scope (else 404); a service-wide one may only be changed by a system admin
 * (403). Written by updateVendorMetadata, with one audit event.
 * @throws AppError `request.validation_failed`, `metadata.not_found`, `auth.forbidden`
 */
export async function updateMetadataRecord(options: { db: TDb; principal: TAdminPrincipal; recordId: string; input: unknown; meta?: TRequestMeta }): Promise<TMetadataRecordDetailDto> {
  const { db, principal } = options;
  const input = parseInput(ZMetadataRecordUpdate, options.input);
  const row = await db.vendorMetadata.findFirst({ where: { AND: [{ id: options.recordId }, metadataRecordScopeWhere(principal)] }, select: { communityId: true, aaguid: true } });
  if (!row) throw new AppError('metadata.not_found', { detail: `${options.recordId} not in the scope of admin ${principal.adminId}` });
  if (row.communityId === null) assertRole(principal, ['system']);
  await updateVendorMetadata({
    db,
    communityId: row.communityId,
    aaguid: row.aaguid,
    input: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.metadata !== undefined ? { metadata: input.metadata.trim() ? input.metadata : '{}' } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      ...(input.iconLight !== undefined ? { iconLight: input.iconLight } : {}),
      ...(input.iconDark !== undefined ? { iconDark: input.iconDark } : {}),
      updatedBy: await updatedByOf(db, principal),
    },
    actor: adminActor(principal),
    meta: options.meta,
  });
  return getMetadataRecord({ db, principal, recordId: options.recordId });
}
