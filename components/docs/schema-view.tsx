import type { ReactNode } from 'react';
import { deref, refName, schemaTypeLabel } from '@/lib/docs/openapi-model';
import type { TOpenApiDocument, TSchema } from '@/lib/docs/openapi-types';
import { Markdown } from './markdown';

const MAX_DEPTH = 6;

export function schemaAnchor(name: string): string {
  return `schema-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The type of a schema; a `$ref` (also inside array items or maps) links to its definition. */
export function TypeLabel({ schema }: { schema: TSchema | undefined }) {
  const ref = schema?.$ref ?? schema?.items?.$ref ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties.$ref : undefined);
  const label = schemaTypeLabel(schema);
  if (!ref) return <span className="font-mono text-xs text-violet-800 [overflow-wrap:anywhere]">{label}</span>;
  const name = refName(ref);
  const [before, after] = [label.slice(0, label.indexOf(name)), label.slice(label.indexOf(name) + name.length)];
  return (
    <span className="font-mono text-xs text-violet-800 [overflow-wrap:anywhere]">
      {before}
      <a href={`#${schemaAnchor(name)}`} className="text-brand-700 underline underline-offset-2 hover:text-brand-900">
        {name}
      </a>
      {after}
    </span>
  );
}

function Facts({ schema }: { schema: TSchema }) {
  const facts: ReactNode[] = [];
  if (schema.minLength !== undefined) facts.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) facts.push(`max length ${schema.maxLength}`);
  if (schema.contentEncoding) facts.push(`encoding ${schema.contentEncoding}`);
  if (schema.default !== undefined) facts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.examples?.length) facts.push(`example ${schema.examples.map((e) => JSON.stringify(e)).join(', ')}`);
  if (!facts.length) return null;
  return <p className="mt-0.5 text-xs text-slate-500 [overflow-wrap:anywhere]">{facts.join(' · ')}</p>;
}

/** The schema whose fields are listed: the item schema of an array, the schema itself otherwise. */
function fieldsOf(schema: TSchema): TSchema | undefined {
  if (schema.properties) return schema;
  if (schema.items && !schema.items.$ref && schema.items.properties) return schema.items;
  if (typeof schema.additionalProperties === 'object' && !schema.additionalProperties.$ref && schema.additionalProperties.properties) return schema.additionalProperties;
  return undefined;
}

function Properties({ document, schema, depth }: { document: TOpenApiDocument; schema: TSchema; depth: number }) {
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(schema.properties ?? {});
  return (
    <ul className={`divide-y divide-slate-100 ${depth > 0 ? 'mt-2 border-l-2 border-slate-200 pl-3' : ''}`}>
      {entries.map(([name, prop]) => {
        const nested = depth < MAX_DEPTH ? fieldsOf(prop) : undefined;
        return (
          <li key={name} className="py-2">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <code className="font-mono text-sm font-semibold text-slate-900 [overflow-wrap:anywhere]">{name}</code>
              <TypeLabel schema={prop} />
              {required.has(name) ? <span className="text-xs font-medium text-red-700">required</span> : null}
            </div>
            <Markdown source={prop.description} className="mt-0.5" headingLevel={5} />
            <Facts schema={prop} />
            {nested ? <Properties document={document} schema={nested} depth={depth + 1} /> : null}
          </li>
        );
      })}
      {schema.additionalProperties === true ? <li className="py-2 text-xs text-slate-500">Other properties are allowed.</li> : null}
    </ul>
  );
}

/**
 * A compact, recursive view of a JSON Schema: its type and description, then its fields (nested
 * objects indented). A top-level `$ref` is expanded once; deeper references link to the
 * definition in the Schemas section, which keeps cycles and repetition out.
 */
export function SchemaView({ document, schema }: { document: TOpenApiDocument; schema: TSchema | undefined }) {
  if (!schema) return <p className="text-sm text-slate-500">Any JSON value.</p>;
  const resolved = schema.$ref ? deref<TSchema>(document, schema) : schema;
  if (!resolved) return <p className="text-sm text-red-700">Unresolved reference {schema.$ref}</p>;
  const fields = fieldsOf(resolved);
  return (
    <div className="text-sm">
      <p className="flex flex-wrap items-baseline gap-2">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Schema</span>
        <TypeLabel schema={schema} />
        {schema.$ref && resolved.type ? <span className="font-mono text-xs text-slate-500">({schemaTypeLabel(resolved)})</span> : null}
      </p>
      <Markdown source={resolved.description} className="mt-1" headingLevel={5} />
      <Facts schema={resolved} />
      {fields ? <Properties document={document} schema={fields} depth={0} /> : null}
    </div>
  );
}
