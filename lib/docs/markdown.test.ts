import { describe, expect, it } from 'vitest';
import { isSafeHref, parseInline, parseMarkdown } from './markdown';

describe('parseMarkdown', () => {
  it('splits headings, paragraphs, lists and code blocks', () => {
    const blocks = parseMarkdown('## Title\n\nOne\nline two.\n\n- a `x`\n  continued\n- b\n\n1. first\n\n```\ncode <b>\n```');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, children: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', children: [{ kind: 'text', text: 'One line two.' }] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a ' }, { kind: 'code', text: 'x' }, { kind: 'text', text: ' continued' }], [{ kind: 'text', text: 'b' }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }]] },
      { kind: 'code', text: 'code <b>' },
    ]);
  });

  it('ends a paragraph at a list', () => {
    expect(parseMarkdown('Intro:\n- item').map((b) => b.kind)).toEqual(['paragraph', 'list']);
  });
});

describe('parseInline', () => {
  it('parses code spans, bold and safe links', () => {
    expect(parseInline('**Bold** `a*b` [doc](/docs)')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'Bold' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'a*b' },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: '/docs', children: [{ kind: 'text', text: 'doc' }] },
    ]);
  });

  it('keeps unsafe links and unclosed code as text', () => {
    expect(parseInline('[x](javascript:alert(1)) `open')).toEqual([{ kind: 'text', text: '[x](javascript:alert(1)) `open' }]);
    expect(isSafeHref('//evil.example')).toBe(false);
    expect(isSafeHref('https://example.com')).toBe(true);
  });
});
