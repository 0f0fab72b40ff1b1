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

/**
 * Display names of many authenticator models at once (the dashboard's authenticator mix), in the
 * same order as getAuthenticatorMetadata: the community's record, else a service-wide one, else
 * the bundled data set. With `communityId: null` (several communities at once) only service-wide
 * records and the bundled data name a model. Unknown models and the all-zero AAGUID are absent.
 */
export async function getAuthenticatorNames(options: { db: TTx; communityId: string | null; aaguids: readonly string[] }): Promise<Map<string, string>> {
  const aaguids = [...new Set(options.aaguids)].filter((a) => a !== ZERO_AAGUID);
  const names = new Map<string, string>();
  if (aaguids.length === 0) return names;
  const records = await options.db.vendorMetadata.findMany({
    where: { aaguid: { in: aaguids }, disabled: false, OR: [{ communityId: null }, ...(options.communityId ? [{ communityId: options.communityId }] : [])] },
    select: { aaguid: true, communityId: true, name: true },
  });
  for (const aaguid of aaguids) {
    const own = records.find((r) => r.aaguid === aaguid && r.communityId !== null) ?? records.find((r) => r.aaguid === aaguid);
    const name = own?.name ?? bundled[aaguid]?.name;
    if (name) names.set(aaguid, name);
  }
  return names;
}
