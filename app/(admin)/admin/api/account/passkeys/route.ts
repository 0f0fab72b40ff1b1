import { getDb } from '@/lib/db';
import { listOwnPasskeys } from '@/lib/admin/own-passkeys';
import { adminRoute } from '@/lib/http/admin-route';

// The signed-in administrator's own passkeys.
export const GET = adminRoute(async ({ principal }) => ({ passkeys: await listOwnPasskeys({ db: getDb(), principal }) }));
