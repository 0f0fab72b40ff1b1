import type { Metadata } from 'next';
import { navItemFor } from '@/components/admin/nav';
import { SectionPlaceholder } from '@/components/admin/section-placeholder';
import { requireAdminPage } from '@/lib/http/admin-page';

const ITEM = navItemFor('/admin/users')!;

export const metadata: Metadata = { title: ITEM.label };
export const dynamic = 'force-dynamic';

const PLANNED = [
  'Find users of your communities by username, name or email',
  "See and revoke a user's passkeys, devices and sessions",
  'Disable and enable accounts',
];

/** Placeholder until this section is built (components/admin/section-placeholder.tsx). */
export default async function UsersPage() {
  await requireAdminPage('/admin/users');
  return <SectionPlaceholder item={ITEM} planned={PLANNED} />;
}
