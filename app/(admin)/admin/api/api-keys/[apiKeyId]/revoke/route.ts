import { getDb } from '@/lib/db';
import { revokeApiKeyAsAdmin } from '@/lib/apikeys/revoke-api-key-as-admin';
import { adminRoute } from '@/lib/http/admin-route';

// Revoke (idempotent); the key stays listed as revoked.
export const POST = adminRoute<{ apiKeyId: string }>(async ({ principal, params }) => ({ apiKey: await revokeApiKeyAsAdmin({ db: getDb(), principal, apiKeyId: params.apiKeyId }) }));
