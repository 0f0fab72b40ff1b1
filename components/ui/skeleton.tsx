/** A grey placeholder block while content loads (decorative: pair it with a status text for screen readers). */
export function Skeleton({ className = '' }: { className?: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded-md bg-slate-200/80 motion-reduce:animate-none ${className}`} />;
}
