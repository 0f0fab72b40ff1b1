import type { ReactNode } from 'react';

/**
 * The top of every console page: the page's one h1, a sentence on what it is for, and its main
 * actions (right; below the title on phones).
 */
export function PageHeader({ title, description, actions, eyebrow }: { title: string; description?: ReactNode; actions?: ReactNode; eyebrow?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="min-w-0">
        {eyebrow ? <div className="mb-1 text-sm font-medium text-slate-500">{eyebrow}</div> : null}
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight text-slate-900">
          {title}
        </h1>
        {description ? <div className="mt-1 max-w-2xl text-slate-600">{description}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
