import type { ReactNode } from 'react';

export type TBadgeTone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger';

const TONES: Record<TBadgeTone, string> = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-200',
  brand: 'bg-brand-50 text-brand-700 ring-brand-100',
  success: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  danger: 'bg-red-50 text-red-800 ring-red-200',
};

/** A small label (role, status, "You", "Soon"). The text carries the meaning; colour only supports it. */
export function Badge({ tone = 'neutral', children, className = '' }: { tone?: TBadgeTone; children: ReactNode; className?: string }) {
  return <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[tone]} ${className}`}>{children}</span>;
}
