import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/metadata')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Name authenticators by AAGUID, with their icons',
  'Allow or deny authenticator models per community',
  'Fetch metadata statements',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function MetadataPage() {
  await requireAdminPage('/admin/metadata');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
