import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope, assertRole } from '../admin/scope';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { createVendorMetadata } from './create-vendor-metadata';
import { getMetadataRecord, updatedByOf, type TMetadataRecordDetailDto } from './metadata-record';
import { GLOBAL_SCOPE, ZMetadataRecordCreate } from './metadata-record-schema';

/**
 * Creates a vendor metadata record from the console: in a community the caller administers, or
 * service-wide (`communityId: "global"`, system admins only). The record is written by
 * createVendorMetadata (the same use-case as the 000 API), with the admin's username as
 * `updatedBy` and `admin:<id>` as the audit actor.
 * @throws AppError `request.validation_failed`, `auth.forbidden` (service-wide, not a system
 *   admin), `tenancy.community_not_found` (out of scope), `metadata.exists`
 */
export async function createMetadataRecord(options: { db: TDb; principal: TAdminPrincipal; input: unknown; meta?: TRequestMeta }): Promise<TMetadataRecordDetailDto> {
  const { db, principal } = options;
  const input = parseInput(ZMetadataRecordCreate, options.input);
  let communityId: string | null = null;
  if (input.communityId === GLOBAL_SCOPE) assertRole(principal, ['system']);
  else communityId = (await assertCommunityInScope({ db, principal, communityId: input.communityId })).id;
  await createVendorMetadata({
    db,
    communityId,
    input: {
      aaguid: input.aaguid,
      name: input.name,
      metadata: input.metadata?.trim() ? input.metadata : '{}',
      disabled: input.disabled,
      updatedBy: await updatedByOf(db, principal),
      ...(input.iconLight !== undefined ? { iconLight: input.iconLight } : {}),
      ...(input.iconDark !== undefined ? { iconDark: input.iconDark } : {}),
    },
    actor: adminActor(principal),
    meta: options.meta,
  });
  const row = await db.vendorMetadata.findFirstOrThrow({ where: { communityId, aaguid: input.aaguid }, select: { id: true } });
  return getMetadataRecord({ db, principal, recordId: row.id });
}
