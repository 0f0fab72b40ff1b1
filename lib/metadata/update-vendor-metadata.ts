import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import {
  VENDOR_METADATA_SELECT,
  ZAaguid,
  ZUpdateVendorMetadataInput,
  iconsToWrite,
  parseMetadataText,
  toVendorMetadataDto,
  type TUpdateVendorMetadataInput,
  type TVendorMetadataDto,
} from './vendor-metadata';

/**
 * Updates the vendor metadata record of an AAGUID in a community, or the service-wide one
 * (`communityId: null`): the fields given, and always `updatedBy`. New metadata replaces the old
 * (and its icons). `disabled: true` stops the record naming new passkeys; existing passkeys keep
 * their names. The community and AAGUID are in the update's `where`, so a record of another
 * scope is never touched. One audit event in the same transaction.
 * @throws AppError `request.validation_failed`, `metadata.not_found`
 */
export async function updateVendorMetadata(options: {
  db: TDb;
  communityId: string | null;
  aaguid: string;
  input: TUpdateVendorMetadataInput;
  actor: string;
  meta?: TRequestMeta;
}): Promise<TVendorMetadataDto> {
  const { db, communityId, actor } = options;
  const aaguid = parseInput(ZAaguid, options.aaguid);
  const input = parseInput(ZUpdateVendorMetadataInput, options.input);
  const metadata = input.metadata === undefined ? undefined : parseMetadataText(input.metadata);
  return db.$transaction(async (tx: TTx) => {
    const where = { communityId, aaguid };
    const { count } = await tx.vendorMetadata.updateMany({
      where,
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(metadata !== undefined ? { metadata: metadata as object } : {}),
        ...iconsToWrite(metadata, input),
        updatedBy: input.updatedBy,
      },
    });
    if (count === 0) throw new AppError('metadata.not_found', { detail: `${communityId ?? 'service-wide'} ${aaguid}` });
    const row = await tx.vendorMetadata.findFirstOrThrow({ where, select: VENDOR_METADATA_SELECT });
    const community = communityId === null ? null : await tx.community.findUnique({ where: { id: communityId }, select: { tenantId: true } });
    await writeAuditEvent(tx, {
      type: 'metadata.vendor_updated',
      actor,
      result: 'success',
      tenantId: community?.tenantId ?? null,
      communityId,
      subject: aaguid,
      ip: options.meta?.ip,
      userAgent: options.meta?.userAgent,
      detail: {
        aaguid,
        changed: Object.keys(input).filter((k) => k !== 'updatedBy'),
        disabled: row.disabled,
        updatedBy: input.updatedBy,
      },
    });
    return toVendorMetadataDto(row);
  });
}
