import { getDb } from '@/lib/db';
import { setApplicationStatus } from '@/lib/applications/admin-applications';
import { adminRoute } from '@/lib/http/admin-route';

type P = { applicationId: string };

// Disable or enable: {status: "active" | "disabled"}
export const PUT = adminRoute<P>(async ({ principal, params, readBody }) => ({ application: await setApplicationStatus({ db: getDb(), principal, applicationId: params.applicationId, input: await readBody() }) }));
