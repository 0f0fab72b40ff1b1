import type { ReactNode, Ref } from 'react';
import { ErrorIcon } from './field';

export type TAlertTone = 'error' | 'warning' | 'success' | 'info';

const TONES: Record<TAlertTone, string> = {
  error: 'border-red-200 bg-red-50 text-red-800',
  warning: 'border-amber-300 bg-amber-50 text-amber-900',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-800',
  info: 'border-brand-100 bg-brand-50 text-slate-800',
};

function ToneIcon({ tone }: { tone: TAlertTone }) {
  if (tone === 'error' || tone === 'warning') return <ErrorIcon className="mt-0.5 h-5 w-5" />;
  if (tone === 'success')
    return (
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-5 w-5 shrink-0">
        <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.86a.75.75 0 0 0-1.22-.88l-3.24 4.5-1.6-1.6a.75.75 0 1 0-1.06 1.06l2.22 2.22a.75.75 0 0 0 1.14-.09l3.76-5.21Z" clipRule="evenodd" />
      </svg>
    );
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-5 w-5 shrink-0">
      <path fillRule="evenodd" d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3a.75.75 0 0 0 1.5 0v-3.25A1.25 1.25 0 0 0 9.5 9H9Z" clipRule="evenodd" />
    </svg>
  );
}

/**
 * A message box. Errors are `role="alert"` (announced at once); other tones are `role="status"`
 * unless `role` says otherwise. Focusable (tabIndex -1) so a form can move focus to it.
 */
export function Alert({ tone, title, children, id, role, className = '', ref }: { tone: TAlertTone; title?: string; children: ReactNode; id?: string; role?: 'alert' | 'status' | 'note'; className?: string; ref?: Ref<HTMLDivElement> }) {
  return (
    <div ref={ref} id={id} role={role ?? (tone === 'error' ? 'alert' : 'status')} tabIndex={-1} className={`flex gap-2.5 rounded-lg border px-3.5 py-3 text-sm ${TONES[tone]} ${className}`}>
      <ToneIcon tone={tone} />
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        <div className={title ? 'mt-0.5' : ''}>{children}</div>
      </div>
    </div>
  );
}
