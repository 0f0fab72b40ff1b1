'use client';

import { useRouter } from 'next/navigation';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { GLOBAL_SCOPE } from '@/lib/metadata/metadata-record-schema';
import type { TCommunityChoice } from './community-choices';

const SELECT = 'mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600 sm:w-56';

/**
 * Filters of the records list: where a record applies and its status. A GET form (works without
 * JavaScript); with JavaScript a change applies at once. The search is kept, the page starts over.
 */
export function RecordFilters({ communities, community, status, q }: { communities: TCommunityChoice[]; community?: string; status?: string; q?: string }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const apply = () => {
    const data = new FormData(form.current!);
    const params = new URLSearchParams();
    for (const [k, v] of data.entries()) if (typeof v === 'string' && v) params.set(k, v);
    const qs = params.toString();
    router.push(qs ? `/admin/metadata?${qs}` : '/admin/metadata', { scroll: false });
  };
  return (
    <form
      ref={form}
      action="/admin/metadata"
      method="get"
      aria-label="Filter records"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end"
    >
      {q ? <input type="hidden" name="q" value={q} /> : null}
      <div>
        <label htmlFor="filter-community" className="block text-sm font-medium text-slate-800">
          Applies to
        </label>
        <select id="filter-community" name="community" defaultValue={community ?? ''} onChange={apply} className={SELECT}>
          <option value="">Everything I can see</option>
          <option value={GLOBAL_SCOPE}>All communities (service-wide)</option>
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={status ?? ''} onChange={apply} className={SELECT}>
          <option value="">Enabled and disabled</option>
          <option value="enabled">Enabled</option>
          <option value="disabled">Disabled</option>
        </select>
      </div>
      <noscript>
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
      </noscript>
    </form>
  );
}
