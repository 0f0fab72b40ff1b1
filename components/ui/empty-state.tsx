import type { ReactNode } from 'react';

/**
 * What a list shows when it has nothing to show: a title that says so, a sentence on what to do,
 * and the action that fills it (or clears the search).
 */
export function EmptyState({ icon, title, children, action, className = '' }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode; className?: string }) {
  return (
    <div className={`flex flex-col items-center rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center ${className}`}>
      {icon ? (
        <span aria-hidden="true" className="mb-3 inline-flex h-11 w-11 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          {icon}
        </span>
      ) : null}
      <p className="text-base font-semibold text-slate-900">{title}</p>
      {children ? <div className="mt-1 max-w-md text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
