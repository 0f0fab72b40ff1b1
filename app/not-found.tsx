import Link from 'next/link';
import { CenteredCard } from '@/components/ui/card';

export default function NotFound() {
  return (
    <CenteredCard title="Page not found">
      <p className="mb-4 text-slate-600">There is nothing at this address.</p>
      <Link className="font-medium text-brand-700 underline-offset-4 hover:underline" href="/">Go to the start page</Link>
    </CenteredCard>
  );
}
