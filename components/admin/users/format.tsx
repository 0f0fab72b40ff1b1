const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const TIME = new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone: 'UTC' });

/** "Nov 30, 2026" (UTC), as a <time>. */
export function DateOnly({ iso }: { iso: string }) {
  return <time dateTime={iso}>{DATE.format(new Date(iso))}</time>;
}

/** "Nov 30, 2026, 3:48 PM UTC", breaking only between the date and the time. */
export function DateTime({ iso }: { iso: string }) {
  const d = new Date(iso);
  return (
    <time dateTime={iso}>
      <span className="whitespace-nowrap">{DATE.format(d)},</span> <span className="whitespace-nowrap">{TIME.format(d)} UTC</span>
    </time>
  );
}
