import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/tenants')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Create tenants and their communities (realms)',
  "Set each community's relying party: rpId, origins, user verification, attestation",
  'Brand the hosted sign-in pages of each community',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function TenantsPage() {
  await requireAdminPage('/admin/tenants');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
