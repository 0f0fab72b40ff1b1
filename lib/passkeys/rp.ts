import type { TTx } from '../db';
import { AppError } from '../errors';
import { ruleRefuses, ZAaguidRule } from '../metadata/aaguid-policy';

export type TAaguidRule = { mode: 'any' | 'allow' | 'deny'; aaguids: string[] };
/**
 * One entry of the community's AAGUID blocklist (the 002 "AAGUID blacklist"): the model's new
 * registrations (`reg`) and/or its sign-ins (`auth`) are refused, on top of the allow/deny rules.
 */
export type TAaguidBlock = { aaguid: string; reg: boolean; auth: boolean; updatedAt: string };
export type TAaguidPolicy = { registration: TAaguidRule; authentication: TAaguidRule; blocklist: TAaguidBlock[] };

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The blocklist as stored in `Community.aaguidPolicy.blocklist`, lower-cased; malformed entries
 * are dropped (the management API only writes valid ones).
 */
export function toBlocklist(value: unknown): TAaguidBlock[] {
  if (!Array.isArray(value)) return [];
  const out: TAaguidBlock[] = [];
  for (const v of value as Partial<TAaguidBlock>[]) {
    const aaguid = typeof v?.aaguid === 'string' ? v.aaguid.toLowerCase() : '';
    if (!UUID.test(aaguid)) continue;
    out.push({ aaguid, reg: v.reg === true, auth: v.auth === true, updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : '' });
  }
  return out;
}

/** A stored rule, read with the console's schema (ZAaguidRule); older malformed lists fall back to lower-casing as they are. */
function toRule(value: unknown): TAaguidRule {
  const parsed = ZAaguidRule.safeParse(value);
  if (parsed.success) return parsed.data;
  const v = value as Partial<TAaguidRule> | undefined;
  if (!v || (v.mode !== 'allow' && v.mode !== 'deny')) return ANY;
  return { mode: v.mode, aaguids: (v.aaguids ?? []).map((a) => a.toLowerCase()) };
}

/** One rule of a stored `Community.aaguidPolicy`, as assertAaguidAllowed enforces it (the console's editor shows this). */
export function toRuleOfPolicy(policy: unknown, kind: 'registration' | 'authentication'): TAaguidRule {
  return toRule((policy as Record<string, unknown> | null)?.[kind]);
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
  const policy = (c.aaguidPolicy ?? {}) as { registration?: unknown; authentication?: unknown; blocklist?: unknown };
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
    aaguidPolicy: { registration: toRule(policy.registration), authentication: toRule(policy.authentication), blocklist: toBlocklist(policy.blocklist) },
  };
}

/**
 * Enforces the community's AAGUID policy for one ceremony kind: the allow/deny rule of that kind,
 * then the blocklist entry's `reg` or `auth` flag. Registration and authentication are separate,
 * so an admin can stop new registrations of an authenticator model while letting existing ones
 * sign in (or cut them off too). Every dialect registers and signs in through finishRegistration
 * / finishAuthentication, which call this: no surface can bypass it.
 * @throws AppError `passkeys.authenticator_not_allowed`
 */
export function assertAaguidAllowed(rp: TRpSettings, kind: 'registration' | 'authentication', aaguid: string): void {
  const rule = rp.aaguidPolicy[kind];
  const id = aaguid.toLowerCase();
  if (ruleRefuses(rule, id)) {
    throw new AppError('passkeys.authenticator_not_allowed', { detail: `${kind} of AAGUID ${aaguid} refused by policy (${rule.mode})` });
  }
  const blocked = rp.aaguidPolicy.blocklist.find((b) => b.aaguid === id);
  if (blocked && (kind === 'registration' ? blocked.reg : blocked.auth)) {
    throw new AppError('passkeys.authenticator_not_allowed', { detail: `${kind} of AAGUID ${aaguid} refused by the blocklist` });
  }
}
