import { getDb } from '@/lib/db';
import { getMetadataRecord } from '@/lib/metadata/metadata-record';
import { updateMetadataRecord } from '@/lib/metadata/update-metadata-record';
import { adminRoute } from '@/lib/http/admin-route';

type P = { recordId: string };

/** Icons (2 × 100 KB) and metadata (150 KB) fit. */
const RECORD_BODY_LIMIT = 512 * 1024;

// One record with its metadata JSON.
export const GET = adminRoute<P>(async ({ principal, params }) => ({ record: await getMetadataRecord({ db: getDb(), principal, recordId: params.recordId }) }));

// Edit, disable or enable: {name?, iconLight?, iconDark?, metadata?, disabled?}
export const PATCH = adminRoute<P>(
  async ({ principal, params, readBody, meta }) => ({ record: await updateMetadataRecord({ db: getDb(), principal, recordId: params.recordId, input: await readBody(), meta }) }),
  { bodyLimit: RECORD_BODY_LIMIT },
);
