import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/transactions')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Search transaction confirmations',
  'Inspect the signed evidence of each one',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function TransactionsPage() {
  await requireAdminPage('/admin/transactions');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
