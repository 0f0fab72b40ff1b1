import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/outbox')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Read the emails and text messages Latchkey sent (or kept, in the default outbox)',
  'See failed deliveries',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function OutboxPage() {
  await requireAdminPage('/admin/outbox');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
