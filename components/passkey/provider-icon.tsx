import { initialsOf } from '@/components/hosted/branding';

/** An icon address from the metadata that the page may show: a data: image or https. */
export function safeIconUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(value)) return value;
  try {
    return new URL(value).protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The passkey provider's icon (from the AAGUID metadata), or a neutral tile with the initials of
 * the provider or passkey name. Decorative: the provider's name is written next to it.
 */
export function ProviderIcon({ icon, name }: { icon: string | null; name: string }) {
  const src = safeIconUrl(icon);
  if (src) {
    // eslint-disable-next-line @next/next/no-img-element -- metadata icons are data: URLs / remote URLs, not build assets
    return <img src={src} alt="" width={40} height={40} className="h-10 w-10 shrink-0 rounded-lg border border-slate-200 bg-white object-contain p-1" />;
  }
  return (
    <span aria-hidden="true" className="inline-flex h-10 w-10 shrink-0 items-center justify-center rounded-lg border border-slate-200 bg-slate-100 text-sm font-semibold text-slate-600">
      {initialsOf(name)}
    </span>
  );
}
