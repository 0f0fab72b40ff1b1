import type { TTx } from '../db';
import { AppError } from '../errors';

export type TAaguidRule = { mode: 'any' | 'allow' | 'deny'; aaguids: string[] };
export type TAaguidPolicy = { registration: TAaguidRule; authentication: TAaguidRule };

/** The relying-party settings of one community, as the ceremonies use them. */
export type TRpSettings = {
  communityId: string;
  tenantId: string;
  rpId: string;
  rpName: string;
  origins: string[];
  userVerification: 'required' | 'preferred' | 'discouraged';
  attestation: 'none' | 'direct' | 'enterprise';
  algorithms: number[];
  timeoutMs: number;
  allowCrossOrigin: boolean;
  allowedTopOrigins: string[];
  aaguidPolicy: TAaguidPolicy;
};

/**
 * An explicit relying party for one ceremony instead of the community's rpId and origins (spec
 * 001 / WIRE-NOTES §4: the rpId is the host of the caller's Origin). The caller checks that the
 * origin belongs to the community; the rest of the community's settings still apply.
 */
export type TRpOverride = { rpId: string; origins: string[] };

/** The community's settings with the rpId and origins of an override, if given. */
export function withRpOverride(rp: TRpSettings, override: TRpOverride | undefined): TRpSettings {
  return override ? { ...rp, rpId: override.rpId, origins: [...override.origins] } : rp;
}

const ANY: TAaguidRule = { mode: 'any', aaguids: [] };

function toRule(value: unknown): TAaguidRule {
  const v = value as Partial<TAaguidRule> | undefined;
  if (!v || (v.mode !== 'allow' && v.mode !== 'deny')) return ANY;
  return { mode: v.mode, aaguids: (v.aaguids ?? []).map((a) => a.toLowerCase()) };
}

/**
 * The kind of community a ceremony runs in (Community.purpose): `users`, an end-user realm that
 * every dialect and the hosted pages serve, or `console`, the realm of the admin console's
 * administrators, which only lib/admin opens. A community of the other kind is not found, so no
 * surface can sign anyone up or in to the console realm by naming its id.
 */
export type TRealm = 'users' | 'console';

/**
 * Loads a community's RP settings.
 * @throws AppError `tenancy.community_not_found` (unknown, or not of this realm)
 */
export async function loadRpSettings(db: TTx, communityId: string, realm: TRealm = 'users'): Promise<TRpSettings> {
  const c = await db.community.findFirst({ where: { id: communityId, purpose: realm } });
  if (!c) throw new AppError('tenancy.community_not_found', { detail: `${communityId} (${realm})` });
  const policy = (c.aaguidPolicy ?? {}) as { registration?: unknown; authentication?: unknown };
  return {
    communityId: c.id,
    tenantId: c.tenantId,
    rpId: c.rpId,
    rpName: c.rpName,
    origins: c.origins as string[],
    userVerification: c.userVerification as TRpSettings['userVerification'],
    attestation: c.attestation as TRpSettings['attestation'],
    algorithms: c.algorithms as number[],
    timeoutMs: c.timeoutMs,
    allowCrossOrigin: c.allowCrossOrigin,
    allowedTopOrigins: c.allowedTopOrigins as string[],
    aaguidPolicy: { registration: toRule(policy.registration), authentication: toRule(policy.authentication) },
  };
}

/**
 * Enforces the community's AAGUID allow/deny policy for one ceremony kind. Registration and
 * authentication have separate rules, so an admin can stop new registrations of an authenticator
 * model while letting existing ones sign in (or cut them off too).
 * @throws AppError `passkeys.authenticator_not_allowed`
 */
export function assertAaguidAllowed(rp: TRpSettings, kind: 'registration' | 'authentication', aaguid: string): void {
  const rule = rp.aaguidPolicy[kind];
  const listed = rule.aaguids.includes(aaguid.toLowerCase());
  if ((rule.mode === 'allow' && !listed) || (rule.mode === 'deny' && listed)) {
    throw new AppError('passkeys.authenticator_not_allowed', { detail: `${kind} of AAGUID ${aaguid} refused by policy (${rule.mode})` });
  }
}
