import type { Metadata } from 'next';
import { PageHeader } from '@/components/admin/page-header';
import { MetadataNav } from '@/components/admin/metadata/metadata-nav';
import { communityChoices } from '@/components/admin/metadata/community-choices';
import { CommunityPicker } from '@/components/admin/metadata/community-picker';
import { PolicyEditor } from '@/components/admin/metadata/policy-editor';
import { EmptyState } from '@/components/ui/empty-state';
import { ChipIcon } from '@/components/admin/icons';
import { getDb } from '@/lib/db';
import { listScopeOptions } from '@/lib/admin/list-scope-options';
import { getAaguidPolicy } from '@/lib/metadata/get-aaguid-policy';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'AAGUID policy · Authenticator metadata' };
export const dynamic = 'force-dynamic';

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A community's AAGUID allow / deny policy for registration and sign-in (?community=<id>). */
export default async function AaguidPolicyPage({ searchParams }: TProps) {
  const { principal } = await requireAdminPage('/admin/metadata/policy');
  const db = getDb();
  const communities = communityChoices(await listScopeOptions({ db, principal }));
  const asked = (await searchParams).community;
  const selected = communities.find((c) => c.id === (Array.isArray(asked) ? asked[0] : asked)) ?? communities[0];
  const policy = selected ? await getAaguidPolicy({ db, principal, communityId: selected.id }) : undefined;
  return (
    <>
      <PageHeader title="Authenticator metadata" description="Names and icons of authenticator models by AAGUID, and which models each community accepts." />
      <MetadataNav current="/admin/metadata/policy" role={principal.role} />
      {policy ? (
        <>
          <CommunityPicker communities={communities} selected={policy.community.id} />
          <PolicyEditor key={`${policy.community.id}:${policy.version}`} policy={policy} />
        </>
      ) : (
        <EmptyState icon={<ChipIcon className="h-6 w-6" />} title="No communities in your scope">
          An AAGUID policy belongs to a community. Once you administer one, you can choose here which authenticators it accepts.
        </EmptyState>
      )}
    </>
  );
}
