/** A centred card on the page background: the frame of the hosted and setup pages. */
export function CenteredCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <section aria-labelledby="card-title" className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <div className="mb-6 flex items-center gap-2">
          <span aria-hidden="true" className="inline-flex h-9 w-9 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-white">L</span>
          <span className="text-sm font-semibold tracking-wide text-slate-500">Latchkey</span>
        </div>
        <h1 id="card-title" className="mb-4 text-2xl font-semibold text-slate-900">{title}</h1>
        {children}
      </section>
    </main>
  );
}
