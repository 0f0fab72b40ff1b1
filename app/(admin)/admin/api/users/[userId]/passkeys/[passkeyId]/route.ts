import { getDb } from '@/lib/db';
import { revokeUserPasskey } from '@/lib/users/revoke-user-passkey';
import { adminRoute } from '@/lib/http/admin-route';

type P = { userId: string; passkeyId: string };

// Revoke one passkey of the user.
export const DELETE = adminRoute<P>(async ({ principal, params }) => revokeUserPasskey({ db: getDb(), principal, userId: params.userId, passkeyId: params.passkeyId }));
