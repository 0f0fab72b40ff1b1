import { getDb } from '@/lib/db';
import { revokeLicenseAsAdmin } from '@/lib/licenses/revoke-license-as-admin';
import { adminRoute } from '@/lib/http/admin-route';

// Revoke (idempotent); the license stays listed as revoked.
export const POST = adminRoute<{ licenseId: string }>(async ({ principal, params }) => ({ license: await revokeLicenseAsAdmin({ db: getDb(), principal, licenseId: params.licenseId }) }));
