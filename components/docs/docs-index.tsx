import { listOperations } from '@/lib/docs/openapi-model';
import type { TOpenApiDocument } from '@/lib/docs/openapi-types';

export type TDocsIndexEntry = { id: string; summary: string; document: TOpenApiDocument };

/** The list of published API documents with their machine-readable URLs. */
export function DocsIndex({ entries }: { entries: TDocsIndexEntry[] }) {
  return (
    <div className="mx-auto w-full max-w-3xl px-3 py-8 sm:px-6 sm:py-12">
      <h1 className="text-2xl font-semibold text-slate-900 sm:text-3xl">API reference</h1>
      <p className="mt-2 text-slate-600">
        The HTTP APIs of this Latchkey deployment, described in OpenAPI 3.1. Each document is available as a readable page and as JSON or YAML for code generators and API tools.
      </p>
      <ul className="mt-8 space-y-4">
        {entries.map(({ id, summary, document }) => {
          const operations = listOperations(document);
          const available = operations.filter((o) => o.operation['x-latchkey-status'] === 'available').length;
          const marked = operations.some((o) => o.operation['x-latchkey-status'] !== undefined);
          return (
            <li key={id}>
              <section aria-labelledby={`doc-${id}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                <h2 id={`doc-${id}`} className="text-lg font-semibold">
                  <a href={`/docs/${id}`} className="text-brand-700 underline-offset-2 hover:text-brand-900 hover:underline">
                    {document.info.title}
                  </a>
                </h2>
                <p className="mt-1 text-sm text-slate-700">{summary}</p>
                <p className="mt-2 text-xs text-slate-500">
                  Version {document.info.version} · {operations.length} operations
                  {marked ? ` · ${available} available in this release` : null}
                </p>
                <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  <a href={`/docs/${id}`} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
                    Read the reference<span className="sr-only"> for {document.info.title}</span>
                  </a>
                  <a href={`/docs/openapi/${id}.json`} className="font-mono text-slate-700 underline underline-offset-2 hover:text-slate-900">
                    /docs/openapi/{id}.json
                  </a>
                  <a href={`/docs/openapi/${id}.yaml`} className="font-mono text-slate-700 underline underline-offset-2 hover:text-slate-900">
                    /docs/openapi/{id}.yaml
                  </a>
                </p>
              </section>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
