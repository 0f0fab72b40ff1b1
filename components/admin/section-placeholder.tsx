import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from './page-header';
import type { TNavItem } from './nav';

/**
 * The page of a console section that is not built yet: its title, what it will hold, and that
 * it is on its way. The engineer who builds the section replaces the page.
 */
export function SectionPlaceholder({ item, planned }: { item: TNavItem; planned: string[] }) {
  const Icon = item.icon;
  return (
    <>
      <PageHeader title={item.label} description={item.description} />
      <EmptyState icon={<Icon className="h-6 w-6" />} title="This section is being built">
        <p>It will let you:</p>
        <ul className="mt-2 space-y-1 text-left">
          {planned.map((p) => (
            <li key={p} className="flex gap-2">
              <span aria-hidden="true" className="mt-2 h-1.5 w-1.5 shrink-0 rounded-full bg-brand-600" />
              <span>{p}</span>
            </li>
          ))}
        </ul>
      </EmptyState>
    </>
  );
}
