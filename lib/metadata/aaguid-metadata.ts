import type { TTx } from '../db';
import { AppError } from '../errors';
import BUNDLED from './aaguids.json';
import { ZAaguid } from './vendor-metadata';

const bundled = BUNDLED as Record<string, { name: string; icon?: string }>;

/** An authenticator model as the 002 dialect shows it (`Aaguid`: id, name, light and dark icon). */
export type TAaguidMetadataDto = { id: string; name: string; iconLight: string; iconDark: string };

/**
 * What is known about an AAGUID in a community: its vendor metadata record, else the service-wide
 * one (disabled records skipped), else the bundled data set — the same order that names passkeys
 * (resolve-authenticator.ts). Missing icons are empty strings (002 requires the fields).
 * @throws AppError `request.validation_failed` (not a UUID), `metadata.not_found`
 */
export async function getAaguidMetadata(options: { db: TTx; communityId: string; aaguid: string }): Promise<TAaguidMetadataDto> {
  const parsed = ZAaguid.safeParse(options.aaguid);
  if (!parsed.success) throw new AppError('request.validation_failed', { fields: { aaguid: 'must be a UUID' }, publicMessage: 'Validation error: aaguid: must be a UUID (8-4-4-4-12 hex digits)' });
  const aaguid = parsed.data;
  const records = await options.db.vendorMetadata.findMany({
    where: { aaguid, disabled: false, OR: [{ communityId: options.communityId }, { communityId: null }] },
    select: { communityId: true, name: true, iconLight: true, iconDark: true },
  });
  const record = records.find((r) => r.communityId === options.communityId) ?? records[0];
  if (record) return { id: aaguid, name: record.name, iconLight: record.iconLight ?? '', iconDark: record.iconDark ?? record.iconLight ?? '' };
  const known = bundled[aaguid];
  if (known) return { id: aaguid, name: known.name, iconLight: known.icon ?? '', iconDark: known.icon ?? '' };
  throw new AppError('metadata.not_found', { detail: aaguid });
}
