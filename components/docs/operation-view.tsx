import { deref, isRef, statusKind, type TOperationEntry } from '@/lib/docs/openapi-model';
import type { THeader, TOpenApiDocument, TParameter, TRequestBody, TResponse, TSchema } from '@/lib/docs/openapi-types';
import { AvailabilityBadge, MethodBadge, PathText, StatusBadge } from './badges';
import { InlineMarkdown, Markdown } from './markdown';
import { SchemaView, TypeLabel } from './schema-view';

/** A horizontally scrollable table region: focusable so keyboard users can scroll it (WCAG 2.1.1). */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200">
      {children}
    </div>
  );
}

const TH = 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600';
const TD = 'px-3 py-2 align-top';

function ParametersTable({ title, parameters }: { title: string; parameters: TParameter[] }) {
  return (
    <TableScroll label={title}>
      <table className="w-full text-sm">
        <caption className="sr-only">{title}</caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${TH} w-[42%]`}>Name</th>
            <th scope="col" className={TH}>Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {parameters.map((p) => (
            <tr key={`${p.in}:${p.name}`}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <code className="block font-mono text-sm font-semibold text-slate-900 [overflow-wrap:anywhere]">{p.name}</code>
                <span className="mt-0.5 flex flex-wrap gap-x-2 text-xs">
                  <TypeLabel schema={p.schema} />
                  <span className="text-slate-600">{p.in}</span>
                  {p.required ? <span className="font-medium text-red-700">required</span> : null}
                </span>
              </th>
              <td className={TD}>
                <Markdown source={p.description} headingLevel={5} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function HeadersTable({ document, headers }: { document: TOpenApiDocument; headers: Record<string, THeader | { $ref: string }> }) {
  const rows = Object.entries(headers).map(([name, h]) => [name, deref<THeader>(document, h)] as const);
  return (
    <TableScroll label="Response headers">
      <table className="w-full text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={`${TH} w-[42%]`}>Header</th>
            <th scope="col" className={TH}>Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(([name, h]) => (
            <tr key={name}>
              <th scope="row" className={`${TD} text-left font-normal`}>
                <code className="block font-mono text-sm font-semibold text-slate-900">{name}</code>
                <TypeLabel schema={h?.schema} />
              </th>
              <td className={TD}>
                <Markdown source={h?.description} headingLevel={5} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Content({ document, content }: { document: TOpenApiDocument; content: Record<string, { schema?: TSchema }> | undefined }) {
  if (!content) return null;
  return Object.entries(content).map(([type, media]) => (
    <div key={type} className="mt-2 rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <p className="mb-1 font-mono text-xs text-slate-600">{type}</p>
      <SchemaView document={document} schema={media.schema} />
    </div>
  ));
}

function securityLabel(document: TOpenApiDocument, name: string): string {
  const scheme = document.components?.securitySchemes?.[name];
  if (scheme?.type === 'apiKey' && scheme.name) return `${scheme.name} ${scheme.in ?? 'header'}`;
  if (scheme?.type === 'http') return `HTTP ${scheme.scheme ?? ''}`.trim();
  return name;
}

type TResponseRow = { kind: 'full'; code: string; response: TResponse | undefined } | { kind: 'compact'; codes: string[]; response: TResponse | undefined };

/**
 * Success responses in full; error responses on one line each, and consecutive error codes that
 * share a `$ref` response on the same line (their schema is described once, under Schemas).
 */
function responseRows(document: TOpenApiDocument, responses: Record<string, TResponse | { $ref: string }>): TResponseRow[] {
  const rows: TResponseRow[] = [];
  let lastRef: string | undefined;
  for (const [code, raw] of Object.entries(responses)) {
    const response = deref<TResponse>(document, raw);
    const kind = statusKind(code);
    if (kind !== 'client-error' && kind !== 'server-error') {
      rows.push({ kind: 'full', code, response });
      lastRef = undefined;
      continue;
    }
    const ref = isRef(raw) ? raw.$ref : undefined;
    const last = rows.at(-1);
    if (ref && ref === lastRef && last?.kind === 'compact') last.codes.push(code);
    else rows.push({ kind: 'compact', codes: [code], response });
    lastRef = ref;
  }
  return rows;
}

const H4 = 'mt-5 mb-2 text-sm font-semibold text-slate-900';

/** One operation: method and path, summary, availability, auth, parameters, body and responses. */
export function OperationView({ document, entry }: { document: TOpenApiDocument; entry: TOperationEntry }) {
  const { operation, method, path, parameters, anchor } = entry;
  const body = deref<TRequestBody>(document, operation.requestBody);
  const payload = operation['x-latchkey-payload'] as TSchema | undefined;
  const security = (operation.security ?? document.security ?? []).flatMap((req) => Object.keys(req));
  const titleId = `${anchor}-title`;
  return (
    <section id={anchor} aria-labelledby={titleId} className="scroll-mt-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h3 id={titleId} className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <MethodBadge method={method} />
        <code className="font-mono text-sm font-semibold text-slate-900 sm:text-base">
          <PathText path={path} />
        </code>
      </h3>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {operation.summary ? (
          <p className="text-base text-slate-800">
            <InlineMarkdown source={operation.summary} />
          </p>
        ) : null}
        <AvailabilityBadge status={operation['x-latchkey-status']} />
        {operation.deprecated ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">Deprecated</span> : null}
      </div>
      {security.length ? (
        <p className="mt-2 text-sm text-slate-600">
          Authentication:{' '}
          {security.map((name, i) => (
            <span key={name}>
              {i > 0 ? ' or ' : ''}
              <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{securityLabel(document, name)}</code>
            </span>
          ))}
        </p>
      ) : null}
      <Markdown source={operation.description} className="mt-3" headingLevel={4} />

      {parameters.length ? (
        <>
          <h4 className={H4}>Parameters</h4>
          <ParametersTable title={`Parameters of ${method.toUpperCase()} ${path}`} parameters={parameters} />
        </>
      ) : null}

      {body ? (
        <>
          <h4 className={H4}>
            Request body {body.required ? <span className="text-xs font-medium text-red-700">required</span> : <span className="text-xs font-normal text-slate-500">optional</span>}
          </h4>
          <Markdown source={body.description} headingLevel={5} />
          <Content document={document} content={body.content} />
        </>
      ) : null}

      {payload ? (
        <>
          <h4 className={H4}>Encrypted payload</h4>
          <p className="text-sm text-slate-600">
            The JSON that <code className="font-mono text-xs">data</code> encrypts (see the envelope in the overview).
          </p>
          <div className="mt-2 rounded-lg border border-slate-200 bg-slate-50/60 p-3">
            <SchemaView document={document} schema={payload} />
          </div>
        </>
      ) : null}

      <h4 className={H4}>Responses</h4>
      <ul className="space-y-3">
        {responseRows(document, operation.responses ?? {}).map((row) =>
          row.kind === 'full' ? (
            <li key={row.code} className="text-sm">
              <div className="flex flex-wrap items-baseline gap-2">
                <StatusBadge code={row.code} />
                <span className="text-slate-800">
                  <InlineMarkdown source={row.response?.description} />
                </span>
              </div>
              {row.response?.headers ? (
                <div className="mt-2">
                  <HeadersTable document={document} headers={row.response.headers} />
                </div>
              ) : null}
              <Content document={document} content={row.response?.content} />
            </li>
          ) : (
            <li key={row.codes.join()} className="flex items-start gap-2 text-sm">
              <span className="flex shrink-0 flex-wrap gap-1">
                {row.codes.map((code) => (
                  <StatusBadge key={code} code={code} />
                ))}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block text-slate-800 [overflow-wrap:anywhere]"><InlineMarkdown source={row.response?.description} /></span>
                {Object.entries(row.response?.content ?? {}).map(([type, media]) => (
                  <span key={type} className="mt-0.5 block">
                    <span className="font-mono text-xs text-slate-500 [overflow-wrap:anywhere]">{type}</span> <TypeLabel schema={media.schema} />
                  </span>
                ))}
              </span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
