'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, type TSelectOption } from '@/components/ui/select-field';

export type TListFilter = { name: string; label: string; value: string; allLabel: string; options: TSelectOption[] };

/**
 * The filters of a list page (community, status …) as a GET form that keeps the search: without
 * JavaScript "Apply" submits it; with JavaScript a change applies at once. Every change goes back
 * to page 1. The list itself reads the filters from the URL on the server.
 */
export function ListFilters({ filters, label }: { filters: TListFilter[]; label: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  // The choices as made (not only as the URL has them yet): a second change while the first
  // navigation is still pending keeps the first.
  const fromProps = Object.fromEntries(filters.map((f) => [f.name, f.value]));
  const key = JSON.stringify(fromProps);
  const [values, setValues] = useState<Record<string, string>>(fromProps);
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    // The URL changed (back, forward, a link): show its filters.
    setSeenKey(key);
    setValues(fromProps);
  }

  function apply(name: string, value: string) {
    const chosen = { ...values, [name]: value };
    setValues(chosen);
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(chosen)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('page');
    const qs = next.toString();
    startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  }

  return (
    <form method="get" action={pathname} aria-label={label} aria-busy={pending || undefined} className="mb-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
      {params.get('q') ? <input type="hidden" name="q" value={params.get('q') ?? ''} /> : null}
      {params.get('pageSize') ? <input type="hidden" name="pageSize" value={params.get('pageSize') ?? ''} /> : null}
      {filters.map((f) => (
        <SelectField
          key={f.name}
          id={`filter-${f.name}`}
          name={f.name}
          label={f.label}
          className="sm:w-56"
          value={values[f.name] ?? ''}
          onChange={(e) => apply(f.name, e.target.value)}
          options={[{ value: '', label: f.allLabel }, ...f.options]}
        />
      ))}
      <noscript>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </noscript>
    </form>
  );
}
