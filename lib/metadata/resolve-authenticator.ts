import type { TTx } from '../db';
import BUNDLED from './aaguids.json';

export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';

export type TAuthenticatorInfo = { name: string | null; icon: string | null };

const bundled = BUNDLED as Record<string, { name: string; icon?: string }>;

/** Names one authenticator model by AAGUID (see resolveAuthenticators). */
export async function resolveAuthenticator(db: TTx, communityId: string, aaguid: string): Promise<TAuthenticatorInfo> {
  return (await resolveAuthenticators(db, communityId, [aaguid])).get(aaguid.toLowerCase()) ?? { name: null, icon: null };
}

/**
 * Names authenticator models by AAGUID, in one query: the community's vendor metadata record
 * first, then a service-wide record, then the bundled offline data set. Disabled records are
 * skipped. The all-zero AAGUID (attestation "none" on many platforms) names nothing.
 */
export async function resolveAuthenticators(db: TTx, communityId: string, aaguids: string[]): Promise<Map<string, TAuthenticatorInfo>> {
  const keys = [...new Set(aaguids.map((a) => a.toLowerCase()))].filter((a) => a !== ZERO_AAGUID);
  const out = new Map<string, TAuthenticatorInfo>();
  if (keys.length === 0) return out;
  const records = await db.vendorMetadata.findMany({
    where: { aaguid: { in: keys }, disabled: false, OR: [{ communityId }, { communityId: null }] },
    select: { aaguid: true, communityId: true, name: true, iconLight: true },
  });
  for (const key of keys) {
    const own = records.find((r) => r.aaguid === key && r.communityId === communityId) ?? records.find((r) => r.aaguid === key);
    const b = bundled[key];
    out.set(key, own ? { name: own.name, icon: own.iconLight } : b ? { name: b.name, icon: b.icon ?? null } : { name: null, icon: null });
  }
  return out;
}
