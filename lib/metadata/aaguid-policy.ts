import { z } from 'zod';
import { ZAaguid } from './vendor-metadata';

/**
 * The AAGUID policy of a community (`Community.aaguidPolicy`), one rule per ceremony kind:
 * `any` (no restriction), `allow` (only the listed authenticator models) or `deny` (all but the
 * listed ones). lib/passkeys/rp.ts reads the stored rules with ZAaguidRule and enforces them in
 * every registration and sign-in (assertAaguidAllowed); the admin console writes them with
 * ZAaguidPolicyInput (update-aaguid-policy.ts). The same JSON also holds the 002 blocklist
 * (lib/passkeys/aaguid-blocklist.ts) and `version`, the counter of the console's optimistic
 * concurrency check; each writer keeps the keys it does not own.
 */

export const AAGUID_POLICY_MODES = ['any', 'allow', 'deny'] as const;
export type TAaguidPolicyMode = (typeof AAGUID_POLICY_MODES)[number];

/** Most AAGUIDs one rule lists. */
export const MAX_POLICY_AAGUIDS = 500;

/** A rule as stored and enforced: mode and list (AAGUIDs lower-cased, duplicates dropped). */
export const ZAaguidRule = z.object({
  mode: z.enum(AAGUID_POLICY_MODES, { message: 'Choose any, allow or deny.' }),
  aaguids: z
    .array(ZAaguid)
    .max(MAX_POLICY_AAGUIDS, `A rule lists at most ${MAX_POLICY_AAGUIDS} AAGUIDs.`)
    .transform((list) => [...new Set(list)]),
});
export type TAaguidRuleInput = z.input<typeof ZAaguidRule>;

/** A rule as the console saves it: an allow list must name at least one model (else nobody could use passkeys). */
const ZAaguidRuleInput = ZAaguidRule.refine((r) => r.mode !== 'allow' || r.aaguids.length > 0, {
  message: 'An allow list needs at least one AAGUID; choose "Any authenticator" to allow all.',
  path: ['aaguids'],
});

/** The console's policy editor input: both rules and the version it was read at. */
export const ZAaguidPolicyInput = z
  .object({
    version: z.number({ message: 'version must be a number' }).int().min(0),
    registration: ZAaguidRuleInput,
    authentication: ZAaguidRuleInput,
  })
  .strict();
export type TAaguidPolicyInput = z.input<typeof ZAaguidPolicyInput>;

/** The console's version counter of a stored policy (0 before the console first saved it). */
export function policyVersionOf(policy: unknown): number {
  const v = (policy as { version?: unknown } | null)?.version;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Whether a rule refuses an AAGUID (the allow/deny part of assertAaguidAllowed). */
export function ruleRefuses(rule: { mode: TAaguidPolicyMode; aaguids: readonly string[] }, aaguid: string): boolean {
  const listed = rule.aaguids.includes(aaguid.toLowerCase());
  return (rule.mode === 'allow' && !listed) || (rule.mode === 'deny' && listed);
}
