'use client';

import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { Spinner } from '@/components/ui/button';
import type { TScopeOptions } from '@/lib/admin/list-scope-options';

/** The users list's URL for a community (none: all communities), keeping the search. */
function filterHref(communityId: string, q: string | undefined): string {
  const params = new URLSearchParams();
  if (communityId) params.set('communityId', communityId);
  if (q) params.set('q', q);
  const qs = params.toString();
  return qs ? `/admin/users?${qs}` : '/admin/users';
}

/**
 * "Community": all communities in the caller's scope, or one (`?communityId=`). A GET form, so it
 * works without JavaScript (Apply); with JavaScript the list follows the choice at once.
 */
export function CommunityFilter({ scope, communityId, q }: { scope: TScopeOptions; communityId: string | undefined; q: string | undefined }) {
  const router = useRouter();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const groups = scope.tenants.filter((t) => t.communities.length > 0);
  const many = groups.length > 1;
  return (
    <form action="/admin/users" method="get" className="flex flex-wrap items-center gap-2 text-sm" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={id} className="font-medium text-slate-700">
        Community
      </label>
      <select
        id={id}
        name="communityId"
        value={communityId ?? ''}
        onChange={(e) => startTransition(() => router.push(filterHref(e.target.value, q), { scroll: false }))}
        className="min-h-11 max-w-full rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600 sm:min-w-56"
      >
        <option value="">All communities</option>
        {many
          ? groups.map((t) => (
              <optgroup key={t.id} label={t.name}>
                {t.communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </optgroup>
            ))
          : groups.flatMap((t) =>
              t.communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              )),
            )}
      </select>
      {q ? <input type="hidden" name="q" value={q} /> : null}
      <noscript>
        <button type="submit" className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-semibold text-slate-800">
          Apply
        </button>
      </noscript>
      {pending ? <Spinner className="text-slate-500" /> : null}
    </form>
  );
}
