import { DataTableSkeleton } from '@/components/admin/data-table';
import { Skeleton } from '@/components/ui/skeleton';

/** While the audit log loads: its header, the filter box and a table skeleton. */
export default function Loading() {
  return (
    <div>
      <Skeleton className="mb-2 h-8 w-40" />
      <Skeleton className="mb-6 h-4 w-96 max-w-full" />
      <Skeleton className="mb-6 h-40 w-full" />
      <DataTableSkeleton label="Loading audit events…" />
    </div>
  );
}
