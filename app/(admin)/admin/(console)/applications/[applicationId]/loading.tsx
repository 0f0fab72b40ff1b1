import { Skeleton } from '@/components/ui/skeleton';

/** While an application loads: the header and its sections. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the application…">
      <Skeleton className="mb-2 h-4 w-24" />
      <Skeleton className="mb-2 h-8 w-64" />
      <Skeleton className="mb-8 h-4 w-96 max-w-full" />
      <Skeleton className="mb-6 h-72 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}
