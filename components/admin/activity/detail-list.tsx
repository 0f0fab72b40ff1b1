import type { ReactNode } from 'react';

/** A titled card of label/value pairs (a detail view's section). */
export function DetailCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="h-fit min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <dl className="mt-3 space-y-3 text-sm">{children}</dl>
    </section>
  );
}

export function DetailItem({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className={`mt-0.5 break-all text-slate-900 ${mono ? 'font-mono text-[13px]' : 'font-medium'}`}>{children}</dd>
    </div>
  );
}

/** Evidence as received, pretty-printed and scrollable (never reformatted beyond indentation). */
export function CodeBlock({ label, value }: { label: string; value: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="text-sm text-slate-500">{label}</figcaption>
      <pre tabIndex={0} aria-label={label} className="mt-1 max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-[13px] leading-relaxed break-all whitespace-pre-wrap text-slate-100 focus:outline-2 focus:outline-brand-600">
        {value}
      </pre>
    </figure>
  );
}

/** JSON text indented for reading; any other text as it is. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}
