import type { ReactNode } from 'react';
import { brandingStyle, initialsOf, safeLogoUrl, type THostedBranding } from './branding';

/**
 * The frame of every hosted page: the community's colours (CSS variables), its logo and name,
 * and a centred card with the page title. Narrow for forms, wide for the account page.
 * `preview` draws the same frame inside another page (the console's branding preview): no
 * landmarks or h1 of its own, and the height of its container instead of the screen's.
 */
export function HostedShell({ branding, title, subtitle, width = 'narrow', headerAside, preview = false, children }: { branding: THostedBranding; title: string; subtitle?: ReactNode; width?: 'narrow' | 'wide'; headerAside?: ReactNode; preview?: boolean; children: ReactNode }) {
  const logo = safeLogoUrl(branding.logoUrl);
  const Header = preview ? 'div' : 'header';
  const Main = preview ? 'div' : 'main';
  const Footer = preview ? 'div' : 'footer';
  const Title = preview ? 'p' : 'h1';
  return (
    <div style={brandingStyle(branding)} className={`flex flex-col bg-slate-50 ${preview ? 'h-full' : 'min-h-screen'}`}>
      <Header className={`mx-auto flex w-full items-center justify-between gap-3 px-3 pt-6 sm:px-4 sm:pt-10 ${width === 'wide' ? 'max-w-2xl' : 'max-w-md'}`}>
        <div className="flex min-w-0 items-center gap-2.5">
          {logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- tenant logos are arbitrary URLs/data: URIs, not optimizable assets
            <img src={logo} alt="" className="h-9 max-w-[140px] object-contain" />
          ) : (
            <span aria-hidden="true" className="inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-[color:var(--color-brand-on,#fff)]">
              {initialsOf(branding.displayName)}
            </span>
          )}
          <span className="truncate text-base font-semibold text-slate-800">{branding.displayName}</span>
        </div>
        {headerAside}
      </Header>
      <Main className={`mx-auto w-full flex-1 px-3 py-6 sm:px-4 ${width === 'wide' ? 'max-w-2xl' : 'max-w-md'}`}>
        <section aria-labelledby={preview ? undefined : 'page-title'} className="rounded-2xl border border-slate-200 bg-white px-4 py-5 shadow-sm sm:p-8">
          <Title id={preview ? undefined : 'page-title'} className="text-2xl font-semibold text-slate-900">
            {title}
          </Title>
          {subtitle ? <div className="mt-1.5 text-slate-600">{subtitle}</div> : null}
          <div className="mt-6">{children}</div>
        </section>
      </Main>
      <Footer className="px-4 pb-6 text-center text-xs text-slate-500">
        Passwordless sign-in with passkeys · Secured by Latchkey
      </Footer>
    </div>
  );
}
