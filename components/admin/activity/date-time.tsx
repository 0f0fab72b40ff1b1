const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' });
const SECONDS = new Intl.DateTimeFormat('en', { timeStyle: 'medium', timeZone: 'UTC' });

/** "Nov 30, 2026, 3:48 PM UTC", breaking only between the date and the time; `fallback` when there is none. */
export function DateTime({ iso, fallback = 'Never', seconds = false }: { iso: string | null; fallback?: string; seconds?: boolean }) {
  if (!iso) return <span className="text-slate-500">{fallback}</span>;
  const d = new Date(iso);
  return (
    <time dateTime={iso}>
      <span className="whitespace-nowrap">{DATE.format(d)},</span> <span className="whitespace-nowrap">{(seconds ? SECONDS : TIME).format(d)} UTC</span>
    </time>
  );
}
