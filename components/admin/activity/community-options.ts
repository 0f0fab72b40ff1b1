import type { TScopeOptions } from '@/lib/admin/list-scope-options';
import type { TSelectOption } from '@/components/ui/select-field';

/** The communities the caller administers as select options ("Tenant / Community" when there are several tenants). */
export function communityOptions(scope: TScopeOptions): TSelectOption[] {
  return scope.tenants.flatMap((t) => t.communities.map((c) => ({ value: c.id, label: scope.tenants.length > 1 ? `${t.name} / ${c.name}` : c.name })));
}

/** The list's URL with its fixed filters, for DataTable's `basePath` (paging and search keep them). */
export function filteredPath(path: string, filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
