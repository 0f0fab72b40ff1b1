import type { TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import BUNDLED from './aaguids.json';
import { ZERO_AAGUID } from './resolve-authenticator';
import { ZAaguid } from './vendor-metadata';

export type TAuthenticatorMetadata = { aaguid: string; name: string; iconLight: string | null; iconDark: string | null };

const bundled = BUNDLED as Record<string, { name: string; icon?: string }>;

/**
 * What is known about one authenticator model, for display (name and icons): the community's
 * vendor metadata record, else a service-wide record, else the bundled offline data set — the
 * order that names new passkeys (resolve-authenticator.ts). Disabled records are skipped.
 * @throws AppError `request.validation_failed` (not a UUID), `metadata.not_found` (nothing known,
 *   or the all-zero AAGUID, which names no model)
 */
export async function getAuthenticatorMetadata(options: { db: TTx; communityId: string; aaguid: string }): Promise<TAuthenticatorMetadata> {
  const aaguid = parseInput(ZAaguid, options.aaguid);
  if (aaguid === ZERO_AAGUID) throw new AppError('metadata.not_found', { detail: 'the all-zero AAGUID names no authenticator model' });
  const records = await options.db.vendorMetadata.findMany({
    where: { aaguid, disabled: false, OR: [{ communityId: options.communityId }, { communityId: null }] },
    select: { communityId: true, name: true, iconLight: true, iconDark: true },
  });
  const own = records.find((r) => r.communityId === options.communityId) ?? records[0];
  if (own) return { aaguid, name: own.name, iconLight: own.iconLight, iconDark: own.iconDark };
  const b = bundled[aaguid];
  if (b) return { aaguid, name: b.name, iconLight: b.icon ?? null, iconDark: b.icon ?? null };
  throw new AppError('metadata.not_found', { detail: aaguid });
}
