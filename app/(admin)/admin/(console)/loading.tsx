import { DataTableSkeleton } from '@/components/admin/data-table';
import { Skeleton } from '@/components/ui/skeleton';

/** While a console page loads: its header and a table skeleton. */
export default function Loading() {
  return (
    <div>
      <Skeleton className="mb-2 h-8 w-56" />
      <Skeleton className="mb-8 h-4 w-80 max-w-full" />
      <DataTableSkeleton label="Loading the page…" />
    </div>
  );
}
