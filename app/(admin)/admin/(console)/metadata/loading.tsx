import { DataTableSkeleton } from '@/components/admin/data-table';
import { Skeleton } from '@/components/ui/skeleton';

/** While the records list loads: the header, the section's tabs and a table skeleton. */
export default function Loading() {
  return (
    <div>
      <Skeleton className="mb-2 h-8 w-64" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <Skeleton className="mb-6 h-9 w-72 max-w-full" />
      <DataTableSkeleton label="Loading authenticator metadata…" />
    </div>
  );
}
