import { getDb } from '@/lib/db';
import { getUserOverview } from '@/lib/users/get-user-overview';
import { removeUser } from '@/lib/users/remove-user';
import { setUserStatus } from '@/lib/users/set-user-status';
import { adminRoute } from '@/lib/http/admin-route';

type P = { userId: string };

// Profile, passkeys, devices and the last 20 events.
export const GET = adminRoute<P>(async ({ principal, params }) => getUserOverview({ db: getDb(), principal, userId: params.userId }));

// Disable or enable: {status: "disabled" | "active"}; disabling revokes the live sessions.
export const PATCH = adminRoute<P>(async ({ principal, params, readBody, meta }) => setUserStatus({ db: getDb(), principal, userId: params.userId, input: await readBody(), meta }));

// Delete for good: passkeys, devices and sessions go with the account.
export const DELETE = adminRoute<P>(async ({ principal, params, meta }) => ({ removed: await removeUser({ db: getDb(), principal, userId: params.userId, meta }) }));
