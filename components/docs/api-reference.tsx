import { groupOperations, type TOperationGroup } from '@/lib/docs/openapi-model';
import type { TOpenApiDocument } from '@/lib/docs/openapi-types';
import { MethodBadge, PathText } from './badges';
import { InlineMarkdown, Markdown } from './markdown';
import { OperationView, TableScroll } from './operation-view';
import { SchemaView, schemaAnchor } from './schema-view';

function TocLinks({ groups, schemaNames }: { groups: TOperationGroup[]; schemaNames: string[] }) {
  return (
    <ol className="space-y-4 text-sm">
      <li>
        <a href="#overview" className="font-semibold text-slate-900 hover:text-brand-700">
          Overview
        </a>
      </li>
      {groups.map((g) => (
        <li key={g.anchor}>
          <a href={`#${g.anchor}`} className="font-semibold text-slate-900 hover:text-brand-700">
            {g.tag}
          </a>
          <ol className="mt-1.5 space-y-1">
            {g.operations.map((op) => (
              <li key={op.anchor}>
                <a href={`#${op.anchor}`} className="flex items-start gap-2 rounded px-1 py-0.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                  <MethodBadge method={op.method} size="sm" />
                  <span className="min-w-0 font-mono text-xs leading-4 break-words">
                    <PathText path={op.path} />
                  </span>
                </a>
              </li>
            ))}
          </ol>
        </li>
      ))}
      {schemaNames.length ? (
        <li>
          <a href="#schemas" className="font-semibold text-slate-900 hover:text-brand-700">
            Schemas
          </a>
        </li>
      ) : null}
    </ol>
  );
}

/**
 * The reference page of one OpenAPI document, server-rendered without client JavaScript:
 * overview (description, base URL, authentication), the operations grouped by tag, and the
 * shared schemas. Contents are a sticky sidebar on wide screens and a disclosure on narrow ones.
 */
export function ApiReference({ document, jsonHref, yamlHref }: { document: TOpenApiDocument; jsonHref: string; yamlHref: string }) {
  const groups = groupOperations(document);
  const schemaNames = Object.keys(document.components?.schemas ?? {});
  const schemes = Object.entries(document.components?.securitySchemes ?? {});
  const operationCount = groups.reduce((n, g) => n + g.operations.length, 0);
  return (
    <div className="mx-auto w-full max-w-6xl px-3 py-6 sm:px-6 lg:grid lg:grid-cols-[17rem_minmax(0,1fr)] lg:gap-10 lg:py-10">
      <aside className="hidden lg:block">
        <nav aria-label="Contents" className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto pr-2">
          <TocLinks groups={groups} schemaNames={schemaNames} />
        </nav>
      </aside>
      <div className="min-w-0">
        <header>
          <p className="text-sm font-medium text-brand-700">API reference</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900 sm:text-3xl">{document.info.title}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            <span>Version {document.info.version}</span>
            <span aria-hidden="true">·</span>
            <span>OpenAPI {document.openapi}</span>
            <span aria-hidden="true">·</span>
            <span>{operationCount} operations</span>
          </p>
          <p className="mt-3 flex flex-wrap gap-2 text-sm">
            <a href={jsonHref} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 shadow-sm hover:bg-slate-50">
              Download JSON
            </a>
            <a href={yamlHref} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 shadow-sm hover:bg-slate-50">
              Download YAML
            </a>
          </p>
        </header>

        <details className="mt-6 rounded-xl border border-slate-200 bg-white p-4 lg:hidden">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">Contents</summary>
          <nav aria-label="Contents" className="mt-3">
            <TocLinks groups={groups} schemaNames={schemaNames} />
          </nav>
        </details>

        <section id="overview" aria-labelledby="overview-title" className="mt-8 scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <h2 id="overview-title" className="text-xl font-semibold text-slate-900">
            Overview
          </h2>
          {document.servers?.length ? (
            <div className="mt-3 text-sm text-slate-700">
              <h3 className="font-semibold text-slate-900">Base URL</h3>
              <ul className="mt-1 space-y-1">
                {document.servers.map((s) => (
                  <li key={s.url}>
                    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{s.url}</code>
                    {s.description ? (
                      <>
                        {' '}
                        <InlineMarkdown source={s.description} />
                      </>
                    ) : null}
                    {Object.entries(s.variables ?? {}).map(([name, v]) => (
                      <span key={name} className="block text-xs text-slate-600">
                        <code className="font-mono">{`{${name}}`}</code> default <code className="font-mono">{v.default}</code>
                        {v.description ? (
                          <>
                            {' · '}
                            <InlineMarkdown source={v.description} />
                          </>
                        ) : null}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Markdown source={document.info.description} className="mt-4" headingLevel={3} />
          {schemes.length ? (
            <>
              <h3 className="mt-6 mb-2 text-lg font-semibold text-slate-900">Authentication</h3>
              <TableScroll label="Security schemes">
                <table className="w-full min-w-[28rem] text-sm">
                  <thead className="bg-slate-50">
                    <tr>
                      <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Scheme</th>
                      <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Sent as</th>
                      <th scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">Description</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {schemes.map(([name, s]) => (
                      <tr key={name}>
                        <th scope="row" className="px-3 py-2 text-left align-top font-mono text-sm font-semibold">{name}</th>
                        <td className="px-3 py-2 align-top text-slate-700">{s.type === 'apiKey' ? <><code className="font-mono text-xs">{s.name}</code> {s.in}</> : `${s.type} ${s.scheme ?? ''}`}</td>
                        <td className="px-3 py-2 align-top">
                          <Markdown source={s.description} headingLevel={5} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          ) : null}
        </section>

        {groups.map((g) => (
          <section key={g.anchor} id={g.anchor} aria-labelledby={`${g.anchor}-title`} className="mt-10 scroll-mt-4">
            <h2 id={`${g.anchor}-title`} className="text-xl font-semibold text-slate-900">
              {g.tag}
            </h2>
            <Markdown source={g.description} className="mt-1" headingLevel={3} />
            <div className="mt-4 space-y-6">
              {g.operations.map((op) => (
                <OperationView key={op.anchor} document={document} entry={op} />
              ))}
            </div>
          </section>
        ))}

        {schemaNames.length ? (
          <section id="schemas" aria-labelledby="schemas-title" className="mt-10 scroll-mt-4">
            <h2 id="schemas-title" className="text-xl font-semibold text-slate-900">
              Schemas
            </h2>
            <div className="mt-4 space-y-4">
              {schemaNames.map((name) => (
                <section key={name} id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-title`} className="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
                  <h3 id={`${schemaAnchor(name)}-title`} className="mb-2 font-mono text-base font-semibold text-slate-900">
                    {name}
                  </h3>
                  <SchemaView document={document} schema={document.components!.schemas![name]} />
                </section>
              ))}
            </div>
          </section>
        ) : null}
      </div>
    </div>
  );
}

