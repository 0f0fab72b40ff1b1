import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/applications')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Register applications of the FIDO2 API 2.0',
  'Set their origins, sign-up and token lifetime',
  'Manage their API keys',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function ApplicationsPage() {
  await requireAdminPage('/admin/applications');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
