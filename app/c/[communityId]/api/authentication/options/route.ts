import { getConfig } from '@/lib/config';
import { loadKeyEncryptionKey } from '@/lib/crypto/kek';
import { deriveKey } from '@/lib/crypto/tokens';
import { getDb } from '@/lib/db';
import { parseInput } from '@/lib/errors/validation';
import { ZAuthenticationOptionsBody } from '@/lib/passkeys/hosted-bodies';
import { hostedRoute } from '@/lib/http/hosted-route';
import { startAuthentication } from '@/lib/passkeys/start-authentication';

export const POST = hostedRoute<{ communityId: string }>(async ({ communityId, readBody }) => {
  const { username } = parseInput(ZAuthenticationOptionsBody, await readBody());
  return startAuthentication({ db: getDb(), communityId, username: username?.trim() ? username : undefined, decoyKey: deriveKey(loadKeyEncryptionKey(getConfig()), 'decoy-credentials') });
});
