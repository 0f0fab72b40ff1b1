import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { BrandingForm } from '@/components/admin/tenancy/branding-form';
import { CommunityGeneralForm } from '@/components/admin/tenancy/community-general-form';
import { RelyingPartyForm } from '@/components/admin/tenancy/relying-party-form';
import { SettingsSection } from '@/components/admin/tenancy/settings-section';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { requireAdminPage } from '@/lib/http/admin-page';
import { getCommunitySettings } from '@/lib/tenancy/community-settings';

export const metadata: Metadata = { title: 'Community settings' };
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ communityId: string }> };

const SECTIONS = [
  { id: 'general', label: 'General' },
  { id: 'relying-party', label: 'Relying party' },
  { id: 'branding', label: 'Branding' },
];

/** One community's settings: General, Relying party, Branding (with a live preview). Out of scope: 404. */
export default async function CommunityPage({ params }: TProps) {
  const { communityId } = await params;
  const { principal } = await requireAdminPage(`/admin/communities/${communityId}`);
  const community = await getCommunitySettings({ db: getDb(), principal, communityId }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'tenancy.community_not_found') notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/tenants" className="text-brand-700 underline-offset-4 hover:underline">
            {community.tenant.name}
          </Link>
        }
        title={community.name}
        description={
          <>
            Relying party <span className="font-mono">{community.rpId}</span> · {community.userCount} user{community.userCount === 1 ? '' : 's'} · {community.applicationCount} application{community.applicationCount === 1 ? '' : 's'}
          </>
        }
        actions={
          <a href={community.signInPath} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50">
            Open sign-in page<span className="sr-only"> (opens in a new tab)</span>
          </a>
        }
      />
      <nav aria-label="Settings sections" className="mb-6 flex flex-wrap gap-2">
        {SECTIONS.map((s) => (
          <a key={s.id} href={`#${s.id}`} className="rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:border-brand-600 hover:text-brand-700">
            {s.label}
          </a>
        ))}
      </nav>
      <div className="space-y-6">
        <SettingsSection id="general" title="General">
          <CommunityGeneralForm community={community} />
        </SettingsSection>
        <SettingsSection id="relying-party" title="Relying party" description="How passkeys are created and checked for this community (WebAuthn). Changes apply to the next ceremony.">
          <RelyingPartyForm community={community} />
        </SettingsSection>
        <SettingsSection id="branding" title="Branding" description="The look of the community's hosted sign-in, sign-up and account pages. The preview follows your changes as you type.">
          <BrandingForm community={community} />
        </SettingsSection>
      </div>
    </>
  );
}
