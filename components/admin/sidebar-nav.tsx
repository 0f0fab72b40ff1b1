'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { ADMIN_NAV, navItemFor, type TNavItem } from './nav';

function NavLinks({ items, currentHref, onNavigate }: { items: TNavItem[]; currentHref: string | undefined; onNavigate?: () => void }) {
  return (
    <ul className="mt-1.5 space-y-0.5">
      {items.map((item) => {
        const Icon = item.icon;
        const active = currentHref === item.href;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={[
                'flex min-h-9 items-center gap-3 rounded-lg px-3 py-1.5 text-sm font-medium transition-colors',
                active ? 'bg-brand-50 text-brand-700' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
              ].join(' ')}
            >
              <Icon className={`h-5 w-5 ${active ? 'text-brand-600' : 'text-slate-400'}`} />
              <span className="truncate">{item.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** Sections that come next: greyed names, not links, compact so the built sections stay in view. */
function ComingNext({ items }: { items: TNavItem[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-1.5 px-3">
      {items.map((item) => (
        <li key={item.label} aria-label={`${item.label} (coming next)`}>
          <Badge className="text-slate-500">{item.label}</Badge>
        </li>
      ))}
    </ul>
  );
}

/**
 * The console's navigation list (sidebar on wide screens, the menu on phones): groups with
 * headings, the current page marked with aria-current, and the "coming next" sections as greyed
 * names (not links).
 */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const current = navItemFor(usePathname());
  return (
    <nav aria-label="Console" className="space-y-5">
      {ADMIN_NAV.map((group) => (
        <div key={group.label}>
          <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.label}</h2>
          {group.items.every((i) => i.status === 'coming') ? <ComingNext items={group.items} /> : <NavLinks items={group.items} currentHref={current?.href} onNavigate={onNavigate} />}
        </div>
      ))}
    </nav>
  );
}
