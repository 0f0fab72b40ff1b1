import { getDb } from '@/lib/db';
import { createApiKeyAsAdmin } from '@/lib/apikeys/create-api-key-as-admin';
import { listApiKeysInScope } from '@/lib/apikeys/list-api-keys-in-scope';
import { adminRoute, searchParamsOf } from '@/lib/http/admin-route';

// The API keys of the communities in the caller's scope: ?q=&page=&pageSize=
export const GET = adminRoute(async ({ principal, request }) => listApiKeysInScope({ db: getDb(), principal, query: searchParamsOf(request) }));

// Create: {communityId, allowedOrigins, label?} → the key, shown once.
export const POST = adminRoute(async ({ principal, readBody }) => Response.json(await createApiKeyAsAdmin({ db: getDb(), principal, input: await readBody() }), { status: 201 }));
