import { getConfig } from '@/lib/config';
import { loadKeyEncryptionKey } from '@/lib/crypto/kek';
import { deriveKey } from '@/lib/crypto/tokens';
import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZSignInOptionsBody } from '@/lib/admin/bodies';
import { startAdminSignIn } from '@/lib/admin/start-admin-sign-in';
import { publicAdminRoute } from '@/lib/http/admin-route';

// Options for an administrator's passkey sign-in; the assertion goes to /api/auth/callback/passkey.
export const POST = publicAdminRoute(async ({ readBody }) => {
  const { username } = parseInput(ZSignInOptionsBody, await readBody());
  return startAdminSignIn({ db: getDb(), username: username?.trim() ? username : undefined, decoyKey: deriveKey(loadKeyEncryptionKey(getConfig()), 'decoy-credentials') });
});
