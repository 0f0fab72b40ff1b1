import type { ReactNode } from 'react';
import { parseInline, parseMarkdown, type TInline } from '@/lib/docs/markdown';

function Inline({ nodes }: { nodes: TInline[] }): ReactNode {
  return nodes.map((n, i) => {
    switch (n.kind) {
      case 'text':
        return n.text;
      case 'code':
        return (
          <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.875em] text-slate-800 [overflow-wrap:anywhere]">
            {n.text}
          </code>
        );
      case 'strong':
        return (
          <strong key={i} className="font-semibold text-slate-900">
            <Inline nodes={n.children} />
          </strong>
        );
      case 'link':
        return (
          <a key={i} href={n.href} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-900">
            <Inline nodes={n.children} />
          </a>
        );
    }
  });
}

/** One line of Markdown (code spans, bold, links) without a block wrapper: summaries, response descriptions. */
export function InlineMarkdown({ source }: { source: string | undefined }) {
  return source ? <Inline nodes={parseInline(source)} /> : null;
}

const HEADING_CLASS = ['', '', '', 'mt-6 text-lg font-semibold text-slate-900', 'mt-5 text-base font-semibold text-slate-900', 'mt-4 text-sm font-semibold text-slate-900', 'mt-4 text-sm font-semibold text-slate-700'];

/**
 * Renders an OpenAPI description (the Markdown subset of lib/docs/markdown). `headingLevel` is
 * the level a `##` heading becomes, so the page's outline stays in order.
 */
export function Markdown({ source, headingLevel = 3, className = '' }: { source: string | undefined; headingLevel?: 3 | 4 | 5; className?: string }) {
  if (!source?.trim()) return null;
  return (
    <div className={`space-y-3 text-sm leading-6 text-slate-700 ${className}`}>
      {parseMarkdown(source).map((block, i) => {
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(6, headingLevel + Math.max(0, block.level - 2));
            const Tag = `h${level}` as 'h3' | 'h4' | 'h5' | 'h6';
            return (
              <Tag key={i} className={HEADING_CLASS[level]}>
                <Inline nodes={block.children} />
              </Tag>
            );
          }
          case 'paragraph':
            return (
              <p key={i}>
                <Inline nodes={block.children} />
              </p>
            );
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={i} className={`space-y-1 pl-5 ${block.ordered ? 'list-decimal' : 'list-disc'}`}>
                {block.items.map((item, j) => (
                  <li key={j}>
                    <Inline nodes={item} />
                  </li>
                ))}
              </List>
            );
          }
          case 'code':
            return (
              <pre key={i} className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">
                <code>{block.text}</code>
              </pre>
            );
        }
      })}
    </div>
  );
}
