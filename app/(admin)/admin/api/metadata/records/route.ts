import { getDb } from '@/lib/db';
import { createMetadataRecord } from '@/lib/metadata/create-metadata-record';
import { listMetadataRecords } from '@/lib/metadata/list-metadata-records';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

/** Icons (2 × 100 KB) and metadata (150 KB) fit. */
const RECORD_BODY_LIMIT = 512 * 1024;

// Vendor metadata records the caller sees: ?q=&page=&pageSize=&community=<id|global>&status=<enabled|disabled>
export const GET = adminRoute(async ({ principal, request }) => listMetadataRecords({ db: getDb(), principal, query: searchParamsOf(request) }));

// Create: {communityId: <id|"global">, aaguid, name, iconLight?, iconDark?, metadata?, disabled?}
export const POST = adminRoute(
  async ({ principal, readBody, meta }) => Response.json({ record: await createMetadataRecord({ db: getDb(), principal, input: await readBody(), meta }) }, { status: 201 }),
  { bodyLimit: RECORD_BODY_LIMIT },
);
