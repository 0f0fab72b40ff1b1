import { getDb } from '@/lib/db';
import { previewMdsImport } from '@/lib/metadata/import-mds-blob';
import { MAX_MDS_BLOB_BYTES } from '@/lib/metadata/mds-blob';
import { adminRoute } from '@/lib/http/admin-route';
import { readUpload } from '@/lib/http/upload';

// Verify an MDS3 BLOB and show what applying it would change (system admins). The BLOB is the
// multipart field `file` or the raw body; at most 10 MB (413 metadata.mds_too_large).
export const POST = adminRoute(async ({ principal, request }) => {
  const { bytes } = await readUpload(request, { limit: MAX_MDS_BLOB_BYTES, tooLarge: 'metadata.mds_too_large' });
  return previewMdsImport({ db: getDb(), principal, blob: bytes });
});
