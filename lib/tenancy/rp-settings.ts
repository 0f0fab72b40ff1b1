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
