import { getDb } from '@/lib/db';
import { getApplicationForAdmin, updateApplication } from '@/lib/applications/admin-applications';
import { adminRoute } from '@/lib/http/admin-route';

type P = { applicationId: string };

export const GET = adminRoute<P>(async ({ principal, params }) => ({ application: await getApplicationForAdmin({ db: getDb(), principal, applicationId: params.applicationId }) }));

// Edit: {name, origins, allowSignUp, tokenTtlSeconds}
export const PATCH = adminRoute<P>(async ({ principal, params, readBody }) => ({ application: await updateApplication({ db: getDb(), principal, applicationId: params.applicationId, input: await readBody() }) }));
