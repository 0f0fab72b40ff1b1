'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { ADMIN_NAV, navItemFor } from './nav';

/**
 * The console's navigation list (sidebar on wide screens, the menu on phones): groups with
 * headings, the current page marked with aria-current, and "coming next" sections greyed and not
 * focusable as links.
 */
export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  const current = navItemFor(pathname);
  return (
    <nav aria-label="Console" className="space-y-6">
      {ADMIN_NAV.map((group) => (
        <div key={group.label}>
          <h2 className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.label}</h2>
          <ul className="mt-2 space-y-0.5">
            {group.items.map((item) => {
              const Icon = item.icon;
              if (item.status === 'coming') {
                return (
                  <li key={item.label} className="flex min-h-9 items-center gap-3 rounded-lg px-3 py-1.5 text-sm text-slate-400" aria-label={`${item.label} (coming next)`}>
                    <Icon className="h-5 w-5 text-slate-300" />
                    <span className="flex-1 truncate">{item.label}</span>
                    <Badge className="!text-[0.65rem]">Soon</Badge>
                  </li>
                );
              }
              const active = current?.href === item.href;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    onClick={onNavigate}
                    aria-current={active ? 'page' : undefined}
                    className={[
                      'flex min-h-10 items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
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
        </div>
      ))}
    </nav>
  );
}
