import { getDb } from '@/lib/db';
import { createApplicationKeyAsAdmin, listApplicationKeys } from '@/lib/applications/admin-application-keys';
import { adminRoute } from '@/lib/http/admin-route';

type P = { applicationId: string };

// The application's management API keys (never their secrets).
export const GET = adminRoute<P>(async ({ principal, params }) => ({ keys: await listApplicationKeys({ db: getDb(), principal, applicationId: params.applicationId }) }));

// A new key: {label?}; the key is in the answer, once.
export const POST = adminRoute<P>(async ({ principal, params, readBody }) =>
  Response.json(await createApplicationKeyAsAdmin({ db: getDb(), principal, applicationId: params.applicationId, input: await readBody() }), { status: 201, headers: { 'cache-control': 'no-store' } }),
);
