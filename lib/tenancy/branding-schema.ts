import { z } from 'zod';

/** `#rrggbb`, the form the hosted pages accept (getHostedCommunity); empty = Latchkey's default. */
const ZColor = z
  .string()
  .trim()
  .refine((v) => v === '' || /^#[0-9a-fA-F]{6}$/.test(v), 'Use a colour like #1d4ed8')
  .transform((v) => v.toLowerCase());

/**
 * A community's branding of the hosted pages (Community.branding), as the console edits it. Empty
 * strings mean "not set": the name falls back to the rpName, the logo to initials, the colours to
 * Latchkey's. The logo is an https:// URL or a path on this site (what the hosted pages load).
 */
export const ZBrandingEdit = z
  .object({
    displayName: z.string().trim().max(100, 'At most 100 characters'),
    logoUrl: z
      .string()
      .trim()
      .max(2048, 'At most 2048 characters')
      .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v) || /^\/(?!\/)[^\s]*$/.test(v), 'Use an https:// address or a path on this site starting with /'),
    primaryColor: ZColor,
    backgroundColor: ZColor,
  })
  .strict();
export type TBrandingEdit = z.input<typeof ZBrandingEdit>;
export type TBranding = z.output<typeof ZBrandingEdit>;

/** The stored branding Json as the form's values (unknown or malformed entries become ''). */
export function toBrandingEdit(value: unknown): TBranding {
  const b = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return { displayName: s('displayName'), logoUrl: s('logoUrl'), primaryColor: s('primaryColor'), backgroundColor: s('backgroundColor') };
}
