import type { TTx } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope } from '../admin/scope';
import { toRuleOfPolicy } from '../passkeys/rp';
import BUNDLED from './aaguids.json';
import { policyVersionOf, type TAaguidPolicyMode } from './aaguid-policy';
import { ZERO_AAGUID } from './resolve-authenticator';

const bundled = BUNDLED as Record<string, { name: string }>;

export type TAaguidRuleDto = { mode: TAaguidPolicyMode; aaguids: string[] };
/** An authenticator model to pick: its AAGUID, name and where the name comes from. */
export type TKnownAuthenticator = { aaguid: string; name: string; source: 'community' | 'global' | 'bundled' };

export type TAaguidPolicyDto = {
  community: { id: string; name: string };
  /** Send it back when saving: a save made in between is refused (409 `metadata.policy_conflict`). */
  version: number;
  registration: TAaguidRuleDto;
  authentication: TAaguidRuleDto;
  /** The community's passkeys by AAGUID, for the hint of who a rule would refuse. */
  passkeys: Array<{ aaguid: string; name: string | null; count: number }>;
  /** Models to pick from: the community's and service-wide enabled records, then the bundled list. */
  known: TKnownAuthenticator[];
};

/**
 * A community's AAGUID policy as the console edits it: the registration and authentication rules
 * exactly as lib/passkeys enforces them (toRuleOfPolicy), its version, the community's passkey
 * counts per AAGUID and the known authenticator models with names.
 * @throws AppError `tenancy.community_not_found` (unknown or out of scope)
 */
export async function getAaguidPolicy(options: { db: TTx; principal: TAdminPrincipal; communityId: string }): Promise<TAaguidPolicyDto> {
  const { db } = options;
  const community = await assertCommunityInScope({ db, principal: options.principal, communityId: options.communityId });
  const row = await db.community.findUniqueOrThrow({ where: { id: community.id }, select: { aaguidPolicy: true } });
  const records = await db.vendorMetadata.findMany({
    where: { disabled: false, OR: [{ communityId: community.id }, { communityId: null }] },
    select: { aaguid: true, name: true, communityId: true },
  });
  const known = new Map<string, TKnownAuthenticator>();
  for (const r of records.filter((x) => x.communityId !== null)) known.set(r.aaguid, { aaguid: r.aaguid, name: r.name, source: 'community' });
  for (const r of records.filter((x) => x.communityId === null)) if (!known.has(r.aaguid)) known.set(r.aaguid, { aaguid: r.aaguid, name: r.name, source: 'global' });
  for (const [aaguid, b] of Object.entries(bundled)) if (!known.has(aaguid) && aaguid !== ZERO_AAGUID) known.set(aaguid, { aaguid, name: b.name, source: 'bundled' });
  const groups = await db.passkey.groupBy({ by: ['aaguid'], where: { communityId: community.id }, _count: { _all: true } });
  return {
    community: { id: community.id, name: community.name },
    version: policyVersionOf(row.aaguidPolicy),
    registration: toRuleOfPolicy(row.aaguidPolicy, 'registration'),
    authentication: toRuleOfPolicy(row.aaguidPolicy, 'authentication'),
    passkeys: groups
      .map((g) => ({ aaguid: g.aaguid, name: known.get(g.aaguid)?.name ?? null, count: g._count._all }))
      .sort((a, b) => b.count - a.count || a.aaguid.localeCompare(b.aaguid)),
    known: [...known.values()].sort((a, b) => a.name.localeCompare(b.name) || a.aaguid.localeCompare(b.aaguid)),
  };
}
