import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZSetupOptionsBody } from '@/lib/admin/bodies';
import { startAdminEnrollment } from '@/lib/admin/start-admin-enrollment';
import { publicAdminRoute } from '@/lib/http/admin-route';

// Options for the first passkey of an administrator invited by a setup link; the attestation goes
// to /api/auth/callback/passkey-setup with the same token.
export const POST = publicAdminRoute(async ({ readBody }) => {
  const { token, ...input } = parseInput(ZSetupOptionsBody, await readBody());
  return startAdminEnrollment({ db: getDb(), token, input });
});
