import type { TTx } from '../db';

export type THostedCommunity = {
  id: string;
  name: string;
  rpId: string;
  branding: { displayName: string; logoUrl: string | null; primaryColor: string | null; backgroundColor: string | null };
  paths: { login: string; register: string; account: string; api: string };
};

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The community a hosted page serves: the default one at `/login` …, any other at
 * `/c/{communityId}/login` …. Branding values are checked here so pages can put them in CSS.
 */
export async function getHostedCommunity(options: { db: TTx; communityId?: string }): Promise<THostedCommunity | undefined> {
  const row = await options.db.community.findFirst({
    // Only end-user realms have hosted pages; the admins' console realm has the admin console.
    where: options.communityId ? { id: options.communityId, purpose: 'users' } : { isDefault: true, purpose: 'users' },
    select: { id: true, name: true, rpId: true, rpName: true, isDefault: true, branding: true },
  });
  if (!row) return undefined;
  const b = (row.branding ?? {}) as Record<string, unknown>;
  const color = (v: unknown) => (typeof v === 'string' && HEX_COLOR.test(v) ? v : null);
  const base = row.isDefault && !options.communityId ? '' : `/c/${row.id}`;
  return {
    id: row.id,
    name: row.name,
    rpId: row.rpId,
    branding: {
      displayName: typeof b.displayName === 'string' && b.displayName ? b.displayName : row.rpName,
      logoUrl: typeof b.logoUrl === 'string' && /^(https:\/\/|\/)/.test(b.logoUrl) ? b.logoUrl : null,
      primaryColor: color(b.primaryColor),
      backgroundColor: color(b.backgroundColor),
    },
    paths: { login: `${base}/login`, register: `${base}/register`, account: `${base}/account`, api: `/c/${row.id}/api` },
  };
}
