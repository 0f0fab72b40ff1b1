import type { ComponentType } from 'react';
import { AppsIcon, AuditIcon, ChipIcon, DashboardIcon, InboxIcon, KeyIcon, ShieldIcon, SparkIcon, TenantsIcon, TransactionsIcon, UserIcon, UsersIcon } from './icons';

/**
 * The console's navigation, one list for the sidebar and the phone menu. A section is `ready`
 * (built) or `coming` (shown greyed, not a link, so admins see what comes next).
 */
export type TNavItem = {
  label: string;
  href: string;
  icon: ComponentType<{ className?: string }>;
  status: 'ready' | 'coming';
  description: string;
  /** Other path prefixes whose pages belong to this section (e.g. a community's settings under Tenants & communities). */
  also?: string[];
};
export type TNavGroup = { label: string; items: TNavItem[] };

export const ADMIN_NAV: TNavGroup[] = [
  { label: 'Overview', items: [{ label: 'Dashboard', href: '/admin', icon: DashboardIcon, status: 'ready', description: 'Sign-ins, registrations and what needs attention.' }] },
  {
    label: 'Identity',
    items: [
      { label: 'Tenants & communities', href: '/admin/tenants', icon: TenantsIcon, status: 'ready', description: 'Tenants, their communities, relying-party settings and branding.', also: ['/admin/communities'] },
      { label: 'Users', href: '/admin/users', icon: UsersIcon, status: 'ready', description: 'End users of your communities and their passkeys.' },
      { label: 'Authenticator metadata', href: '/admin/metadata', icon: ChipIcon, status: 'ready', description: 'AAGUID names and icons, and which authenticators are allowed.' },
    ],
  },
  {
    label: 'Integrations',
    items: [
      { label: 'Licenses & API keys', href: '/admin/licenses', icon: KeyIcon, status: 'ready', description: 'Keys your back ends use to call the Latchkey APIs.' },
      { label: 'Applications', href: '/admin/applications', icon: AppsIcon, status: 'ready', description: 'Applications of the FIDO2 API 2.0 and their settings.' },
    ],
  },
  {
    label: 'Activity',
    items: [
      { label: 'Transactions', href: '/admin/transactions', icon: TransactionsIcon, status: 'ready', description: 'Transaction confirmations and their evidence.' },
      { label: 'OTP outbox', href: '/admin/outbox', icon: InboxIcon, status: 'ready', description: 'Emails and text messages with one-time codes.' },
      { label: 'Audit log', href: '/admin/audit', icon: AuditIcon, status: 'ready', description: 'Who did what, and when.' },
    ],
  },
  {
    label: 'Access',
    items: [
      { label: 'Admins', href: '/admin/admins', icon: ShieldIcon, status: 'ready', description: 'Administrators, their roles and invitations.' },
      { label: 'My account', href: '/admin/account', icon: UserIcon, status: 'ready', description: 'Your passkeys and session.' },
    ],
  },
  {
    label: 'Coming next',
    items: ['Schemes', 'Journeys', 'Service providers', 'External IdPs', 'IdP configuration', 'SP catalog', 'Consents'].map((label) => ({
      label,
      href: '',
      icon: SparkIcon,
      status: 'coming' as const,
      description: 'Not available yet.',
    })),
  },
];

/** The item a path belongs to (the longest matching href), for the active link and page titles. */
export function navItemFor(pathname: string): TNavItem | undefined {
  const under = (prefix: string) => pathname === prefix || (prefix !== '/admin' && pathname.startsWith(`${prefix}/`));
  const matches = ADMIN_NAV.flatMap((g) => g.items).flatMap((item) => (item.href ? [item.href, ...(item.also ?? [])] : []).filter(under).map((prefix) => ({ item, prefix })));
  return matches.sort((a, b) => b.prefix.length - a.prefix.length)[0]?.item;
}
