import { z } from 'zod';
import { AppError } from '../errors';

/** `android:apk-key-hash:<base64url sha256 of the signing cert>` (WebAuthn §13.4.9 Android origins). */
const ANDROID_ORIGIN = /^android:apk-key-hash:[A-Za-z0-9_-]{43}$/;

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';
}

/**
 * Normalises one allowed origin. Web origins must be https (secure context, WebAuthn §5.1.3),
 * except localhost for development; they are reduced to scheme://host[:port].
 */
export function normalizeOrigin(value: string): string {
  const v = value.trim();
  if (ANDROID_ORIGIN.test(v)) return v;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new AppError('tenancy.invalid_origin', { detail: v });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLocalhost(url.hostname));
  if (!secure || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new AppError('tenancy.invalid_origin', { detail: v });
  }
  return url.origin;
}

/**
 * The rpId must be a valid domain and each web origin's host must equal it or be a subdomain of
 * it (WebAuthn §5.1.3 step 8 / §7.1 step 8 "RP ID"); android origins are not tied to the rpId.
 */
export function assertRpIdCoversOrigins(rpId: string, origins: string[]): void {
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(rpId)) {
    throw new AppError('tenancy.invalid_rp_id', { detail: rpId });
  }
  for (const origin of origins) {
    if (ANDROID_ORIGIN.test(origin)) continue;
    const host = new URL(origin).hostname;
    if (host !== rpId && !host.endsWith(`.${rpId}`)) {
      throw new AppError('tenancy.invalid_rp_id', { detail: `${origin} is not within ${rpId}` });
    }
  }
}

export const USER_VERIFICATION = ['required', 'preferred', 'discouraged'] as const;
export const ATTESTATION_CONVEYANCE = ['none', 'direct', 'enterprise'] as const;

export const ZRpSettingsInput = z.object({
  rpId: z.string().trim().toLowerCase().min(1),
  rpName: z.string().trim().min(1).max(100).optional(),
  origins: z.array(z.string()).min(1),
  userVerification: z.enum(USER_VERIFICATION).default('preferred'),
  attestation: z.enum(ATTESTATION_CONVEYANCE).default('none'),
});
export type TRpSettingsInput = z.input<typeof ZRpSettingsInput>;

/** COSE algorithms a community may accept for new passkeys (IANA COSE Algorithms; all verifiable by lib/passkeys). */
export const COSE_ALGORITHMS = [
  { id: -7, label: 'ES256 (ECDSA P-256, SHA-256)' },
  { id: -8, label: 'EdDSA (Ed25519)' },
  { id: -257, label: 'RS256 (RSASSA-PKCS1-v1_5, SHA-256)' },
  { id: -35, label: 'ES384 (ECDSA P-384, SHA-384)' },
  { id: -36, label: 'ES512 (ECDSA P-521, SHA-512)' },
] as const;
const COSE_IDS = COSE_ALGORITHMS.map((a) => a.id) as number[];

/** Ceremony timeout bounds (WebAuthn §5.4.1 recommends 5 minutes; at least 30 s, at most 10 min). */
export const TIMEOUT_MIN_MS = 30_000;
export const TIMEOUT_MAX_MS = 600_000;

/** Lines of a text area: trimmed, blanks dropped (forms hold the raw lines; the server gets the same). */
const ZLines = z.array(z.string().max(300, 'An origin has at most 300 characters.')).max(50, 'At most 50 entries.').transform((v) => v.map((s) => s.trim()).filter(Boolean));

/**
 * The full relying-party settings of a community as the console edits them (the one validation
 * of RP settings, shared by the console's form and its endpoint). Origins are checked further by
 * normalizeOriginsField / assertRpIdCoversOrigins on the server.
 */
export const ZRelyingPartyEdit = z
  .object({
    rpId: z.string().trim().toLowerCase().min(1, 'rpId is required').max(253),
    rpName: z.string().trim().min(1, 'A display name is required').max(100),
    origins: ZLines.refine((v) => v.length > 0, 'At least one origin is required'),
    relatedOrigins: ZLines.default([]),
    userVerification: z.enum(USER_VERIFICATION),
    attestation: z.enum(ATTESTATION_CONVEYANCE),
    algorithms: z
      .array(z.number().int())
      .min(1, 'Choose at least one algorithm')
      .refine((v) => v.every((id) => COSE_IDS.includes(id)), 'Unknown algorithm')
      .transform((v) => [...new Set(v)]),
    timeoutMs: z.coerce
      .number({ message: 'The timeout must be a number' })
      .int()
      .min(TIMEOUT_MIN_MS, `At least ${TIMEOUT_MIN_MS / 1000} seconds`)
      .max(TIMEOUT_MAX_MS, `At most ${TIMEOUT_MAX_MS / 1000} seconds`),
    allowCrossOrigin: z.boolean(),
    allowedTopOrigins: ZLines.default([]),
    /** Must be true to change the rpId of a community whose users have passkeys (they stop working). */
    confirmRpIdChange: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.allowCrossOrigin && v.allowedTopOrigins.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['allowedTopOrigins'], message: 'List the top-level origins allowed to embed the ceremonies' });
    }
  });
export type TRelyingPartyEdit = z.input<typeof ZRelyingPartyEdit>;

/**
 * Normalises a list of origins (normalizeOrigin) and reports the first bad one against the form
 * field it came from, so the console can show it next to that field.
 * @throws AppError `tenancy.invalid_origin` with `fields[field]`
 */
export function normalizeOriginsField(field: string, values: string[], options: { webOnly?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const v of values) {
    let origin: string;
    try {
      origin = normalizeOrigin(v);
      if (options.webOnly && !/^https?:\/\//.test(origin)) throw new AppError('tenancy.invalid_origin', { detail: v });
    } catch (e) {
      throw new AppError('tenancy.invalid_origin', { detail: v, cause: e, fields: { [field]: `${v}: use an https:// origin (http:// only for localhost)${options.webOnly ? '' : ' or an android:apk-key-hash: origin'}` } });
    }
    out.push(origin);
  }
  return [...new Set(out)];
}
