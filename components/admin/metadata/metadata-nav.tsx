import Link from 'next/link';
import type { TAdminRole } from '@/lib/admin/principal';

const TABS = [
  { href: '/admin/metadata', label: 'Records', systemOnly: false },
  { href: '/admin/metadata/policy', label: 'AAGUID policy', systemOnly: false },
  { href: '/admin/metadata/import', label: 'MDS import', systemOnly: true },
] as const;

/** The parts of the Authenticator metadata section (links; the current one is marked for screen readers). */
export function MetadataNav({ current, role }: { current: (typeof TABS)[number]['href']; role: TAdminRole }) {
  return (
    <nav aria-label="Authenticator metadata" className="mb-6 -mt-2 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {TABS.filter((t) => !t.systemOnly || role === 'system').map((t) => (
          <li key={t.href}>
            <Link
              href={t.href}
              aria-current={t.href === current ? 'page' : undefined}
              className={`inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap ${t.href === current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'}`}
            >
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
