import Link from 'next/link';

const TABS = [
  { href: '/admin/licenses', label: 'Licenses' },
  { href: '/admin/licenses/api-keys', label: 'API keys' },
] as const;

/** Licenses | API keys: the two lists of the section, as links (each is its own page and URL). */
export function LicensesTabs({ current }: { current: (typeof TABS)[number]['href'] }) {
  return (
    <nav aria-label="Key types" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-6">
        {TABS.map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.href === current ? 'page' : undefined}
              className={`inline-block border-b-2 px-1 pb-3 text-sm font-semibold ${t.href === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
