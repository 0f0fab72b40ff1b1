import { z } from 'zod';

/**
 * Server-side paging and search for every console list: the URL search params `q`, `page` and
 * `pageSize` (components/admin/data-table.tsx writes them; the JSON endpoints read the same
 * names). Shared so that every list pages and searches the same way.
 */

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export const ZListQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(100, 'A search has at most 100 characters.')
      .optional()
      .transform((v) => (v ? v : undefined)),
    page: z.coerce.number({ message: 'page must be a number' }).int().min(1).max(100_000).default(1),
    pageSize: z.coerce
      .number({ message: 'pageSize must be a number' })
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `pageSize must be one of ${PAGE_SIZES.join(', ')}`)
      .default(DEFAULT_PAGE_SIZE),
  })
  .strict();
export type TListQuery = z.output<typeof ZListQuery>;
export type TListQueryInput = z.input<typeof ZListQuery>;

/** One page of a list: the rows, how many match in all, and where we are (page clamped to the last). */
export type TPage<T> = { items: T[]; total: number; page: number; pageSize: number; pageCount: number };

/** `skip`/`take` for a query, and the page number clamped to the last page of `total` rows. */
export function pageWindow(query: Pick<TListQuery, 'page' | 'pageSize'>, total: number): { skip: number; take: number; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, pageCount);
  return { skip: (page - 1) * query.pageSize, take: query.pageSize, page, pageCount };
}

/** A page of an in-memory list (for small lists filtered after a scoped query). */
export function pageOf<T>(rows: readonly T[], query: Pick<TListQuery, 'page' | 'pageSize'>): TPage<T> {
  const w = pageWindow(query, rows.length);
  return { items: rows.slice(w.skip, w.skip + w.take), total: rows.length, page: w.page, pageSize: query.pageSize, pageCount: w.pageCount };
}

/**
 * The list query of a page's URL search params, for server components: bad values fall back to
 * the defaults instead of failing the page (the JSON endpoints answer them with a 400).
 */
export function listQueryFromSearchParams(params: Record<string, string | string[] | undefined>): TListQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const pick = <K extends keyof TListQuery>(key: K): TListQuery[K] | undefined => {
    const parsed = ZListQuery.shape[key].safeParse(first(params[key]));
    return parsed.success ? (parsed.data as TListQuery[K]) : undefined;
  };
  return { q: pick('q'), page: pick('page') ?? 1, pageSize: pick('pageSize') ?? DEFAULT_PAGE_SIZE };
}

/** Case-insensitive "contains" on any of the texts (Unicode-aware; for lists filtered in memory). */
export function matchesSearch(q: string | undefined, ...texts: Array<string | null | undefined>): boolean {
  if (!q) return true;
  const needle = q.normalize('NFKC').toLocaleLowerCase();
  return texts.some((t) => t?.normalize('NFKC').toLocaleLowerCase().includes(needle));
}
