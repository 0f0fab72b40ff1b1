'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import type { TCommunityChoice } from './community-choices';

/** Which community's policy is shown: a GET form (without JavaScript) that applies on change. */
export function CommunityPicker({ communities, selected }: { communities: TCommunityChoice[]; selected: string }) {
  const router = useRouter();
  return (
    <form action="/admin/metadata/policy" method="get" className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-end">
      <div>
        <label htmlFor="policy-community" className="block text-sm font-medium text-slate-800">
          Community
        </label>
        <select
          id="policy-community"
          name="community"
          defaultValue={selected}
          onChange={(e) => router.push(`/admin/metadata/policy?community=${encodeURIComponent(e.target.value)}`)}
          className="mt-1 block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-base text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600 sm:w-72"
        >
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <noscript>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </noscript>
    </form>
  );
}
