import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/licenses')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Create license keys for the /webauthn and /authn APIs (shown once)',
  'Create API keys for the spec 001 API with their allowed origins',
  'Revoke keys and see when they were last used',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function LicensesPage() {
  await requireAdminPage('/admin/licenses');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
