import type { CSSProperties } from 'react';

export type THostedBranding = { displayName: string; logoUrl: string | null; primaryColor: string | null; backgroundColor: string | null };

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
// Functional notations with plain numbers only: no url(), var(), quotes or semicolons.
const FUNCTIONAL = /^(?:rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\(\s*[-0-9.%\s,/a-z]*\)$/i;

/** A colour from the branding settings when it is a plain CSS colour, else undefined. */
export function safeCssColor(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (HEX.test(v)) return v;
  if (FUNCTIONAL.test(v) && !/url|var|expression/i.test(v)) return v;
  return undefined;
}

/** WCAG relative luminance of a #rgb / #rrggbb colour (undefined for other notations). */
export function hexLuminance(hex: string): number | undefined {
  if (!HEX.test(hex)) return undefined;
  const h = hex.length === 4 ? hex.slice(1).split('').map((c) => c + c).join('') : hex.slice(1);
  const channel = (i: number) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/**
 * The community's colours as CSS variables on the page root. Tailwind's `brand-*` utilities read
 * `--color-brand-*`, so overriding them re-colours every button, link and focus ring below.
 * Text on the primary colour is white or near-black, whichever contrasts more (WCAG 2.x).
 */
export function brandingStyle(branding: THostedBranding): CSSProperties {
  const style: Record<string, string> = {};
  const primary = safeCssColor(branding.primaryColor);
  if (primary) {
    const luminance = hexLuminance(primary);
    const light = luminance !== undefined && luminance > 0.35;
    style['--color-brand-600'] = primary;
    // Hover and link colour: darker, much darker for a light primary so links stay readable.
    style['--color-brand-700'] = `color-mix(in oklab, ${primary} ${light ? 45 : 80}%, black)`;
    style['--color-brand-900'] = `color-mix(in oklab, ${primary} 45%, black)`;
    style['--color-brand-50'] = `color-mix(in oklab, ${primary} 8%, white)`;
    style['--color-brand-100'] = `color-mix(in oklab, ${primary} 20%, white)`;
    // White text needs a luminance under ~0.18 for 4.5:1 on the colour.
    if (luminance !== undefined && luminance > 0.18) style['--color-brand-on'] = '#0f172a';
  }
  const background = safeCssColor(branding.backgroundColor);
  if (background) style.backgroundColor = background;
  return style as CSSProperties;
}

/** A logo address the page may load: https, a data: image or a path on this site. */
export function safeLogoUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml);/i.test(value)) return value;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Up to two initials of a name, for a logo or icon placeholder. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s\-_.]+/).filter(Boolean);
  const letters = words.length >= 2 ? [words[0]!, words[1]!].map((w) => Array.from(w)[0] ?? '') : Array.from(words[0] ?? '?').slice(0, 1);
  return letters.join('').toUpperCase() || '?';
}
