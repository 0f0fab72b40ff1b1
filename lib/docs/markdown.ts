/**
 * A deliberately small Markdown subset for OpenAPI `description` fields (CommonMark-like):
 * ATX headings, paragraphs, `-`/`*`/`1.` lists with indented continuation lines, fenced code
 * blocks, and inline code spans, `**bold**` and `[links](url)`. No HTML passes through: the
 * renderer builds React elements from this tree, so text is always escaped.
 */

export type TInline = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'strong'; children: TInline[] } | { kind: 'link'; href: string; children: TInline[] };

export type TBlock =
  | { kind: 'heading'; level: number; children: TInline[] }
  | { kind: 'paragraph'; children: TInline[] }
  | { kind: 'list'; ordered: boolean; items: TInline[][] }
  | { kind: 'code'; text: string };

/** Links only to http(s), site-relative paths and fragments; anything else renders as text. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|\/(?!\/)|#)/i.test(href);
}

export function parseInline(text: string): TInline[] {
  const out: TInline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ kind: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '`') {
      // A code span closes with a run of the same number of backticks (CommonMark §6.1).
      const run = /^`+/.exec(text.slice(i))![0]!;
      const end = text.indexOf(run, i + run.length);
      if (end > 0) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + run.length, end).trim() || text.slice(i + run.length, end) });
        i = end + run.length;
        continue;
      }
      buffer += run;
      i += run.length;
      continue;
    }
    if (ch === '*' && text[i + 1] === '*') {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (ch === '[') {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(text.slice(i));
      if (m && isSafeHref(m[2]!)) {
        flush();
        out.push({ kind: 'link', href: m[2]!, children: parseInline(m[1]!) });
        i += m[0].length;
        continue;
      }
    }
    buffer += ch;
    i++;
  }
  flush();
  return out;
}

const LIST_ITEM = /^\s{0,3}([-*]|\d{1,9}[.)])\s+(.*)$/;

export function parseMarkdown(source: string): TBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const at = (k: number): string => lines[k] ?? '';
  const blocks: TBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = at(i);
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = /^\s{0,3}(```|~~~)/.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !at(i).trimStart().startsWith(fence[1]!)) body.push(at(i++));
      i++;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    const first = LIST_ITEM.exec(line);
    if (first) {
      const ordered = /\d/.test(first[1]!);
      const items: string[] = [];
      while (i < lines.length) {
        const item = LIST_ITEM.exec(at(i));
        if (item) {
          items.push(item[2]!);
          i++;
        } else if (at(i).trim() && /^\s+/.test(at(i))) {
          // An indented continuation line belongs to the current item.
          items[items.length - 1] += ` ${at(i).trim()}`;
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && at(i).trim() && !LIST_ITEM.exec(at(i)) && !/^\s{0,3}(#{1,6}\s|```|~~~)/.test(at(i))) paragraph.push(at(i++).trim());
    blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
  }
  return blocks;
}
