import { getDb } from '@/lib/db';
import { revokeApplicationKey } from '@/lib/applications/admin-application-keys';
import { adminRoute } from '@/lib/http/admin-route';

type P = { applicationId: string; keyId: string };

// Revoke a key (idempotent).
export const DELETE = adminRoute<P>(async ({ principal, params }) => ({ key: await revokeApplicationKey({ db: getDb(), principal, applicationId: params.applicationId, keyId: params.keyId }) }));
