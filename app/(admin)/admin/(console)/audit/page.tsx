import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/audit')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Search the audit trail by who, what and when',
  "Follow an administrator's or a user's actions",
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function AuditPage() {
  await requireAdminPage('/admin/audit');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
