import type { TScopeOptions } from '@/lib/admin/list-scope-options';

export type TCommunityChoice = { id: string; label: string };

/** The communities of the caller's scope as choices: "Community", or "Community (Tenant)" across tenants. */
export function communityChoices(scope: TScopeOptions): TCommunityChoice[] {
  return scope.tenants.flatMap((t) => t.communities.map((c) => ({ id: c.id, label: scope.tenants.length > 1 ? `${c.name} (${t.name})` : c.name })));
}
