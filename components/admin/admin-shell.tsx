import Link from 'next/link';
import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import type { TAdminRole } from '@/lib/admin/principal';
import { MobileNav } from './mobile-nav';
import { RoleBadge } from './role-badge';
import { SidebarNav } from './sidebar-nav';
import { AdminSignOutButton } from './sign-out-button';

export type TShellAdmin = { displayName: string; username: string; role: TAdminRole; scope: string };

function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <Link href="/admin" className="flex items-center gap-2.5 rounded-lg">
      <span aria-hidden="true" className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-white">
        L
      </span>
      <span className={`leading-tight ${compact ? 'max-sm:sr-only' : ''}`}>
        <span className="block text-sm font-semibold text-slate-900">Latchkey</span>
        <span className="block text-xs text-slate-500">Admin console</span>
      </span>
    </Link>
  );
}

/**
 * The frame of every console page: the navigation (a sidebar from 1024 px, a Menu drawer below),
 * a header with the administrator's name, role and scope and a Sign out button, and the page
 * (with a skip link to it). Toasts are available below it (useToast).
 */
export function AdminShell({ admin, children }: { admin: TShellAdmin; children: ReactNode }) {
  return (
    <ToastProvider>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <div className="min-h-screen lg:grid lg:grid-cols-[16rem_1fr]">
        <aside className="hidden border-r border-slate-200 bg-white lg:block">
          <div className="sticky top-0 flex h-screen flex-col gap-6 overflow-y-auto px-3 py-5">
            <div className="px-2">
              <Brand />
            </div>
            <SidebarNav />
          </div>
        </aside>
        <div className="flex min-w-0 flex-col">
          <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur supports-[backdrop-filter]:bg-white/80">
            <div className="flex min-h-16 items-center justify-between gap-3 px-4 sm:px-6 lg:px-8">
              <div className="flex min-w-0 items-center gap-3">
                <MobileNav />
                <div className="lg:hidden">
                  <Brand compact />
                </div>
              </div>
              <div className="flex min-w-0 items-center gap-3">
                <div className="min-w-0 text-right">
                  <p className="truncate text-sm font-semibold text-slate-900" data-testid="admin-name">
                    {admin.displayName}
                  </p>
                  <p className="flex items-center justify-end gap-1.5 text-xs text-slate-500">
                    <RoleBadge role={admin.role} />
                    <span className="hidden truncate sm:inline">{admin.scope}</span>
                  </p>
                </div>
                <AdminSignOutButton />
              </div>
            </div>
          </header>
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8 lg:px-8">
            {children}
          </main>
        </div>
      </div>
    </ToastProvider>
  );
}
