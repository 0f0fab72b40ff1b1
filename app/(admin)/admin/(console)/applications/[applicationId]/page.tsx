import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/admin/page-header';
import { ApplicationKeys } from '@/components/admin/applications/application-keys';
import { ApplicationSettingsForm } from '@/components/admin/applications/application-settings-form';
import { ApplicationStatusButton } from '@/components/admin/applications/application-status-button';
import { SettingsSection } from '@/components/admin/tenancy/settings-section';
import { Badge } from '@/components/ui/badge';
import { getDb } from '@/lib/db';
import { isAppError } from '@/lib/errors';
import { requireAdminPage } from '@/lib/http/admin-page';
import { listApplicationKeys } from '@/lib/applications/admin-application-keys';
import { getApplicationForAdmin } from '@/lib/applications/admin-applications';

export const metadata: Metadata = { title: 'Application' };
export const dynamic = 'force-dynamic';

type TProps = { params: Promise<{ applicationId: string }> };

/** One application: its settings, status and API keys. Out of scope: 404. */
export default async function ApplicationPage({ params }: TProps) {
  const { applicationId } = await params;
  const { principal } = await requireAdminPage(`/admin/applications/${applicationId}`);
  const db = getDb();
  const [application, keys] = await Promise.all([getApplicationForAdmin({ db, principal, applicationId }), listApplicationKeys({ db, principal, applicationId })]).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'applications.not_found') notFound();
    throw e;
  });
  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/admin/applications" className="text-brand-700 underline-offset-4 hover:underline">
            Applications
          </Link>
        }
        title={application.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {application.status === 'active' ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Disabled</Badge>}
            <span>
              {application.community.name} ({application.tenant.name}) · app.id <span className="font-mono break-all">{application.id}</span>
            </span>
          </span>
        }
        actions={<ApplicationStatusButton application={application} />}
      />
      <div className="space-y-6">
        <SettingsSection id="settings" title="Settings">
          <ApplicationSettingsForm application={application} />
        </SettingsSection>
        <SettingsSection id="keys" title="API keys" description="Keys of the application's back end for the FIDO2 API 2.0 management calls.">
          <ApplicationKeys applicationId={application.id} keys={keys} />
        </SettingsSection>
      </div>
    </>
  );
}
