import { getDb } from '@/lib/db';
import { applyMdsImport } from '@/lib/metadata/import-mds-blob';
import { MAX_MDS_BLOB_BYTES } from '@/lib/metadata/mds-blob';
import { adminRoute } from '@/lib/http/admin-route';
import { readUpload } from '@/lib/http/upload';

// Apply a previewed MDS3 BLOB (system admins): the same file (multipart `file` or raw body) and
// the preview's `sha256` (a form field or ?sha256=).
export const POST = adminRoute(async ({ principal, request, meta }) => {
  const { bytes, fields } = await readUpload(request, { limit: MAX_MDS_BLOB_BYTES, tooLarge: 'metadata.mds_too_large' });
  return applyMdsImport({ db: getDb(), principal, blob: bytes, input: { sha256: fields.sha256 }, meta });
});
