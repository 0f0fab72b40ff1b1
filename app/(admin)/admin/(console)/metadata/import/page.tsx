import type { Metadata } from 'next';
import { PageHeader } from '@/components/admin/page-header';
import { MdsImport } from '@/components/admin/metadata/mds-import';
import { MetadataNav } from '@/components/admin/metadata/metadata-nav';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/admin/icons';
import { requireAdminPage } from '@/lib/http/admin-page';

export const metadata: Metadata = { title: 'MDS import · Authenticator metadata' };
export const dynamic = 'force-dynamic';

/** Import a FIDO Metadata Service (MDS3) BLOB into the service-wide records (system admins). */
export default async function MdsImportPage() {
  const { principal } = await requireAdminPage('/admin/metadata/import');
  return (
    <>
      <PageHeader title="Authenticator metadata" description="Names and icons of authenticator models by AAGUID, and which models each community accepts." />
      <MetadataNav current="/admin/metadata/import" role={principal.role} />
      {principal.role === 'system' ? (
        <>
          <h2 className="mb-1 text-lg font-semibold text-slate-900">Import the FIDO Metadata Service BLOB</h2>
          <p className="mb-4 max-w-3xl text-slate-600">
            The BLOB names every FIDO-certified authenticator model. Its FIDO2 entries become service-wide records: new models are added, changed ones updated. You see what changes before anything is written.
          </p>
          <MdsImport />
        </>
      ) : (
        <EmptyState icon={<ShieldIcon className="h-6 w-6" />} title="Only system administrators import metadata">
          The BLOB updates the records of every community. Ask a system administrator to import it.
        </EmptyState>
      )}
    </>
  );
}
