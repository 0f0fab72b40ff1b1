import type { ReactNode } from 'react';

/**
 * The dashboard's charts: plain SVG drawn on the server (no chart library). Each chart is an image
 * with a title and a description for assistive technology, and its figures are also given as a
 * table: visually hidden, or shown with "Show as table" (DailyCharts).
 */

const DAY = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayLabel = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));
const NUMBER = new Intl.NumberFormat('en');

export type TSeries = { key: string; label: string; barClass: string; swatchClass: string };

/** One series per day as columns; the y scale starts at 0 and ends at the series' maximum. */
function DayBars({ id, title, days, values, series }: { id: string; title: string; days: string[]; values: number[]; series: TSeries }) {
  const max = Math.max(1, ...values);
  const total = values.reduce((a, b) => a + b, 0);
  const peak = values.indexOf(Math.max(...values));
  const width = days.length * 10;
  const height = 100;
  const desc = total === 0 ? `No ${series.label.toLowerCase()} from ${dayLabel(days[0]!)} to ${dayLabel(days.at(-1)!)}.` : `${NUMBER.format(total)} ${series.label.toLowerCase()} from ${dayLabel(days[0]!)} to ${dayLabel(days.at(-1)!)}; most on ${dayLabel(days[peak]!)} (${NUMBER.format(values[peak]!)}).`;
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`chart-${series.key}`}>
      <figcaption className="flex items-baseline justify-between gap-2">
        <span className="flex items-center gap-2 text-sm font-semibold text-slate-700">
          <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${series.swatchClass}`} />
          {title}
        </span>
        <span className="text-2xl font-semibold text-slate-900" data-testid="chart-total">{NUMBER.format(total)}</span>
      </figcaption>
      <div className="mt-3 flex gap-2">
        <div aria-hidden="true" className="flex h-28 flex-col justify-between text-right text-xs text-slate-500">
          <span>{NUMBER.format(max)}</span>
          <span>0</span>
        </div>
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="h-28 w-full overflow-visible">
          <title id={`${id}-title`}>{`${title} per day`}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          <line x1="0" y1={height} x2={width} y2={height} className="stroke-slate-300" strokeWidth="1" vectorEffect="non-scaling-stroke" />
          {values.map((v, i) => {
            const h = (v / max) * (height - 2);
            return v > 0 ? <rect key={days[i]} x={i * 10 + 1.5} y={height - h} width={7} height={h} rx={1} className={series.barClass} /> : null;
          })}
        </svg>
      </div>
      <div aria-hidden="true" className="mt-1 flex justify-between pl-6 text-xs text-slate-500">
        <span>{dayLabel(days[0]!)}</span>
        <span>{dayLabel(days.at(-1)!)}</span>
      </div>
    </figure>
  );
}

/** Sign-ins, registrations and failures per day: one chart each (own scale), and one table of all three. */
export function DailyCharts({ perDay, series }: { perDay: Array<Record<string, number | string>>; series: TSeries[] }) {
  const days = perDay.map((d) => String(d.day));
  return (
    <section aria-labelledby="daily-heading" className="mt-8">
      <h2 id="daily-heading" className="text-base font-semibold text-slate-900">
        Per day
      </h2>
      <div className="mt-3 grid gap-4 lg:grid-cols-3">
        {series.map((s) => (
          <DayBars key={s.key} id={`chart-${s.key}`} title={s.label} days={days} values={perDay.map((d) => Number(d[s.key]))} series={s} />
        ))}
      </div>
      <details className="mt-3">
        <summary className="inline-flex min-h-10 cursor-pointer items-center rounded-lg px-2 font-semibold text-brand-700 hover:bg-brand-50">Show as table</summary>
        <div className="mt-2 max-h-96 overflow-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Sign-ins, registrations and failures per day (UTC)</caption>
            <thead className="sticky top-0 bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold text-slate-700 sm:px-4">
                  Day (UTC)
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-3 py-2 text-right font-semibold text-slate-700 sm:px-4">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {perDay.map((d) => (
                <tr key={String(d.day)}>
                  <th scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap text-slate-700 sm:px-4">
                    <time dateTime={String(d.day)}>{dayLabel(String(d.day))}</time>
                  </th>
                  {series.map((s) => (
                    <td key={s.key} className="px-3 py-1.5 text-right tabular-nums sm:px-4">
                      {NUMBER.format(Number(d[s.key]))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** Horizontal bars for a ranking (failures by reason, authenticator models, backup state), with its table for screen readers. */
export function BarList({ id, title, description, rows, unit, barClass = 'fill-brand-600', empty }: { id: string; title: string; description?: ReactNode; rows: Array<{ label: string; count: number; hint?: string }>; unit: string; barClass?: string; empty: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const total = rows.reduce((a, r) => a + r.count, 0);
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={id}>
      <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
      {rows.length === 0 || total === 0 ? (
        <p className="mt-4 text-sm text-slate-500">{empty}</p>
      ) : (
        <>
          <svg role="img" aria-labelledby={`${id}-title`} className="sr-only">
            <title id={`${id}-title`}>{`${title}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ')}`}</title>
          </svg>
          <ul aria-hidden="true" className="mt-4 space-y-3">
            {rows.map((r) => (
              <li key={r.label}>
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <span className="min-w-0 truncate text-slate-800" title={r.hint ?? r.label}>
                    {r.label}
                  </span>
                  <span className="shrink-0 tabular-nums text-slate-600">
                    {NUMBER.format(r.count)} <span className="text-slate-400">({Math.round((r.count / total) * 100)}%)</span>
                  </span>
                </div>
                <svg viewBox="0 0 100 4" preserveAspectRatio="none" className="mt-1 h-2 w-full">
                  <rect x="0" y="0" width="100" height="4" rx="1" className="fill-slate-100" />
                  <rect x="0" y="0" width={(r.count / max) * 100} height="4" rx="1" className={barClass} />
                </svg>
              </li>
            ))}
          </ul>
          <table className="sr-only">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">{unit}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
