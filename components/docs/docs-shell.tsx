import Link from 'next/link';
import type { ReactNode } from 'react';

const NAV = [
  { href: '/docs', label: 'Overview' },
  { href: '/docs/webauthn', label: 'WebAuthn API' },
  { href: '/docs/fido2', label: 'FIDO2 API' },
  { href: '/docs/hosted', label: 'Hosted API' },
];

/** The frame of the documentation pages: skip link, header with the docs navigation, main landmark. */
export function DocsShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only z-50 rounded-lg bg-white px-4 py-2 font-semibold text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:px-4 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-3 py-3 sm:px-6">
          <Link href="/docs" className="flex items-center gap-2.5">
            <span aria-hidden="true" className="inline-flex h-8 w-8 items-center justify-center rounded-lg bg-brand-600 text-base font-bold text-white">
              L
            </span>
            <span className="text-base font-semibold text-slate-900">
              Latchkey <span className="font-normal text-slate-500">Docs</span>
            </span>
          </Link>
          <nav aria-label="Documentation">
            <ul className="flex flex-wrap gap-x-1 gap-y-1 text-sm">
              {NAV.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="inline-flex min-h-9 items-center rounded-lg px-2.5 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <footer className="border-t border-slate-200 px-4 py-6 text-center text-xs text-slate-500">Latchkey · passwordless identity provider</footer>
    </div>
  );
}
