import { DataTableSkeleton } from '@/components/admin/data-table';
import { Skeleton } from '@/components/ui/skeleton';

/** While the applications page loads: its header and a table skeleton. */
export default function Loading() {
  return (
    <div>
      <Skeleton className="mb-2 h-8 w-48" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <DataTableSkeleton label="Loading applications…" />
    </div>
  );
}
