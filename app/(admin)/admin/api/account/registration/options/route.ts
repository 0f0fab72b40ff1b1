import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZEmptyBody } from '@/lib/admin/bodies';
import { startOwnPasskeyRegistration } from '@/lib/admin/own-passkeys';
import { adminRoute } from '@/lib/http/admin-route';

// Add a passkey to the signed-in administrator.
export const POST = adminRoute(async ({ principal, readBody }) => {
  parseInput(ZEmptyBody, await readBody());
  return startOwnPasskeyRegistration({ db: getDb(), principal });
});
