'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, useTransition } from 'react';
import { Spinner } from '@/components/ui/button';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from '@/lib/admin/list-query';
import { CloseIcon, SearchIcon } from './icons';

/** A basePath's path and the fixed parameters it carries (a filter such as `?communityId=`). */
function splitBasePath(basePath: string): [string, URLSearchParams] {
  const [path, fixed] = basePath.split('?');
  return [path ?? basePath, new URLSearchParams(fixed)];
}

function hrefOf(basePath: string, q: string | undefined, pageSize: number): string {
  const [path, params] = splitBasePath(basePath);
  if (q) params.set('q', q);
  if (pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(pageSize));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/**
 * The search box of a DataTable: a GET form (works without JavaScript); with JavaScript it
 * searches as you type (after a pause), goes back to page 1, and shows that it is searching.
 */
export function DataTableSearch({ basePath, q, pageSize, label, placeholder }: { basePath: string; q: string; pageSize: number; label: string; placeholder?: string }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  const [pending, startTransition] = useTransition();

  // The URL changed from elsewhere (Back, "Clear the search"): show its search.
  if (q !== shownQ) {
    setShownQ(q);
    if (q !== value.trim()) setValue(q);
  }

  const go = (next: string, mode: 'push' | 'replace') => {
    const trimmed = next.trim();
    if (trimmed === q) return;
    startTransition(() => (mode === 'push' ? router.push : router.replace)(hrefOf(basePath, trimmed, pageSize), { scroll: false }));
  };

  useEffect(() => {
    if (value.trim() === q) return;
    const t = setTimeout(() => startTransition(() => router.replace(hrefOf(basePath, value.trim(), pageSize), { scroll: false })), 350);
    return () => clearTimeout(t);
  }, [value, q, basePath, pageSize, router]);

  return (
    <form
      role="search"
      action={splitBasePath(basePath)[0]}
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        go(value, 'push');
      }}
      className="w-full sm:max-w-sm"
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="relative">
        <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-slate-400">{pending ? <Spinner /> : <SearchIcon className="h-4 w-4" />}</span>
        <input
          id={id}
          type="search"
          name="q"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={placeholder ?? label}
          autoComplete="off"
          maxLength={100}
          className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white py-2 pr-10 pl-9 text-base text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-2 focus:outline-offset-0 focus:outline-brand-600 [&::-webkit-search-cancel-button]:hidden"
        />
        {pageSize !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="pageSize" value={pageSize} /> : null}
        {[...splitBasePath(basePath)[1]].map(([name, v]) => (
          <input key={name} type="hidden" name={name} value={v} />
        ))}
        {value ? (
          <button
            type="button"
            onClick={() => {
              setValue('');
              go('', 'push');
            }}
            className="absolute inset-y-0 right-1 my-auto inline-flex h-9 w-9 cursor-pointer items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          >
            <span className="sr-only">Clear search</span>
            <CloseIcon className="h-4 w-4" />
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Rows per page of a DataTable; changing it goes back to page 1. */
export function PageSizeSelect({ basePath, q, pageSize }: { basePath: string; q?: string; pageSize: number }) {
  const router = useRouter();
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm text-slate-600">
      <label htmlFor={id}>Rows per page</label>
      <select
        id={id}
        value={pageSize}
        onChange={(e) => router.push(hrefOf(basePath, q, Number(e.target.value)), { scroll: false })}
        className="min-h-10 rounded-lg border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600"
      >
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}
