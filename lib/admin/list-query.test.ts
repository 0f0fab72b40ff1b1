import { describe, expect, it } from 'vitest';
import { listQueryFromSearchParams, matchesSearch, pageOf, pageWindow, ZListQuery } from './list-query';

describe('list queries', () => {
  it('parses q, page and pageSize from strings, with defaults', () => {
    expect(ZListQuery.parse({})).toEqual({ q: undefined, page: 1, pageSize: 25 });
    expect(ZListQuery.parse({ q: '  ada ', page: '3', pageSize: '50' })).toEqual({ q: 'ada', page: 3, pageSize: 50 });
    expect(ZListQuery.parse({ q: '   ' }).q).toBeUndefined();
    for (const bad of [{ page: '0' }, { page: 'x' }, { pageSize: '7' }, { q: 'x'.repeat(101) }, { sort: 'name' }]) expect(ZListQuery.safeParse(bad).success).toBe(false);
  });

  it('falls back to defaults for bad URL values on pages', () => {
    expect(listQueryFromSearchParams({ q: ['ada', 'bob'], page: 'nope', pageSize: '7' })).toEqual({ q: 'ada', page: 1, pageSize: 25 });
    expect(listQueryFromSearchParams({ page: '2', pageSize: '10' })).toEqual({ q: undefined, page: 2, pageSize: 10 });
  });

  it('pages and clamps to the last page', () => {
    expect(pageWindow({ page: 2, pageSize: 10 }, 35)).toEqual({ skip: 10, take: 10, page: 2, pageCount: 4 });
    expect(pageWindow({ page: 9, pageSize: 10 }, 35)).toEqual({ skip: 30, take: 10, page: 4, pageCount: 4 });
    expect(pageWindow({ page: 3, pageSize: 10 }, 0)).toEqual({ skip: 0, take: 10, page: 1, pageCount: 1 });
    expect(pageOf([1, 2, 3, 4, 5], { page: 2, pageSize: 2 })).toEqual({ items: [3, 4], total: 5, page: 2, pageSize: 2, pageCount: 3 });
  });

  it('searches case- and width-insensitively (accents count)', () => {
    expect(matchesSearch(undefined, 'x')).toBe(true);
    expect(matchesSearch('ÉLO', 'Héloïse')).toBe(true);
    expect(matchesSearch('eloi', 'Héloïse')).toBe(false);
    expect(matchesSearch('ＡＤＡ', 'ada')).toBe(true);
    expect(matchesSearch('bob', null, 'Ada')).toBe(false);
  });
});
