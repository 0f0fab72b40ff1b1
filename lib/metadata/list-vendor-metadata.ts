import { z } from 'zod';
import type { TTx } from '../db';
import { parseInput } from '../errors/validation';
import { VENDOR_METADATA_SELECT, ZAaguid, toVendorMetadataDto, type TVendorMetadataDto } from './vendor-metadata';

/** At most this many AAGUIDs per lookup (the bundled data set names a few hundred models). */
export const MAX_AAGUIDS_PER_LOOKUP = 1000;

const ZAaguids = z.array(ZAaguid).max(MAX_AAGUIDS_PER_LOOKUP).optional();

/**
 * Lists vendor metadata records, disabled ones included: those of one community
 * (`{communityId}`), the service-wide ones (`{communityId: null}`), or every record (`'all'`).
 * With `aaguids` (non-empty) only records of those AAGUIDs; ordered by AAGUID, service-wide first.
 * Authorization is the caller's (the 000 adapter checks the license; the admin console its role).
 * @throws AppError `request.validation_failed` (an AAGUID that is not a UUID, too many)
 */
export async function listVendorMetadata(options: {
  db: TTx;
  scope: 'all' | { communityId: string | null };
  aaguids?: readonly string[];
}): Promise<TVendorMetadataDto[]> {
  const aaguids = parseInput(ZAaguids, options.aaguids);
  const rows = await options.db.vendorMetadata.findMany({
    where: {
      ...(options.scope === 'all' ? {} : { communityId: options.scope.communityId }),
      ...(aaguids && aaguids.length > 0 ? { aaguid: { in: [...new Set(aaguids)] } } : {}),
    },
    select: VENDOR_METADATA_SELECT,
    orderBy: [{ aaguid: 'asc' }, { communityId: { sort: 'asc', nulls: 'first' } }],
  });
  return rows.map(toVendorMetadataDto);
}
