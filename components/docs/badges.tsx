import { statusKind } from '@/lib/docs/openapi-model';

const METHOD_CLASS: Record<string, string> = {
  get: 'bg-emerald-100 text-emerald-800 ring-emerald-200',
  post: 'bg-brand-100 text-brand-900 ring-brand-100',
  put: 'bg-amber-100 text-amber-900 ring-amber-200',
  patch: 'bg-violet-100 text-violet-800 ring-violet-200',
  delete: 'bg-red-100 text-red-800 ring-red-200',
};

export function MethodBadge({ method, size = 'md' }: { method: string; size?: 'sm' | 'md' }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center justify-center rounded font-mono font-bold uppercase ring-1 ring-inset ${METHOD_CLASS[method] ?? 'bg-slate-100 text-slate-800 ring-slate-200'} ${
        size === 'sm' ? 'w-12 px-1 py-px text-[0.625rem]' : 'min-w-16 px-2 py-0.5 text-xs'
      }`}
    >
      {method}
    </span>
  );
}

const STATUS_CLASS = {
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  redirect: 'bg-sky-50 text-sky-800 ring-sky-200',
  'client-error': 'bg-amber-50 text-amber-900 ring-amber-200',
  'server-error': 'bg-red-50 text-red-800 ring-red-200',
  info: 'bg-slate-50 text-slate-700 ring-slate-200',
} as const;

export function StatusBadge({ code }: { code: string }) {
  return <span className={`inline-flex min-w-12 shrink-0 justify-center rounded px-2 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${STATUS_CLASS[statusKind(code)]}`}>{code}</span>;
}

/** `x-latchkey-status` of an operation: whether this release serves it. */
export function AvailabilityBadge({ status }: { status: unknown }) {
  if (status === 'available') return <span className="inline-flex items-center rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">Available</span>;
  if (status === 'in-development') return <span className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200">In development</span>;
  return null;
}

/** A URL path that may wrap after each `/` (not inside a segment) on narrow screens. */
export function PathText({ path }: { path: string }) {
  const parts = path.split('/');
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 ? '/' : ''}
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </span>
  ));
}
