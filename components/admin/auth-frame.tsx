import type { ReactNode } from 'react';

/**
 * The frame of the console's signed-out pages (sign-in, setup link): a centred card in the
 * hosted pages' style, with the console's name.
 */
export function AdminAuthFrame({ title, subtitle, children, footer }: { title: string; subtitle?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="mx-auto flex w-full max-w-md items-center gap-2.5 px-3 pt-6 sm:px-4 sm:pt-12">
        <span aria-hidden="true" className="inline-flex h-9 w-9 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-white">
          L
        </span>
        <span className="leading-tight">
          <span className="block text-base font-semibold text-slate-900">Latchkey</span>
          <span className="block text-xs text-slate-500">Admin console</span>
        </span>
      </header>
      <main className="mx-auto w-full max-w-md flex-1 px-3 py-6 sm:px-4">
        <section aria-labelledby="page-title" className="rounded-2xl border border-slate-200 bg-white px-4 py-5 shadow-sm sm:p-8">
          <h1 id="page-title" className="text-2xl font-semibold text-slate-900">
            {title}
          </h1>
          {subtitle ? <div className="mt-1.5 text-slate-600">{subtitle}</div> : null}
          <div className="mt-6">{children}</div>
        </section>
      </main>
      <footer className="px-4 pb-6 text-center text-xs text-slate-500">{footer ?? 'Administrators sign in with a passkey · Latchkey'}</footer>
    </div>
  );
}
