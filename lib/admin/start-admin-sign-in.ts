import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { TTx } from '../db';
import { startAuthentication } from '../passkeys/start-authentication';
import { getConsoleCommunityId } from './console-community';

/**
 * Starts an administrator's passkey sign-in on the console community: usernameless (the button,
 * and passkey autofill) or with a username (its passkeys listed; an unknown one gets a decoy).
 * The answer goes to the `passkey` provider of the console's next-auth endpoint.
 * @throws AppError `service.internal` (no console community)
 */
export async function startAdminSignIn(options: { db: TTx; username?: string; decoyKey: Buffer; now?: Date }): Promise<{ options: PublicKeyCredentialRequestOptionsJSON }> {
  const communityId = await getConsoleCommunityId(options.db);
  return startAuthentication({ db: options.db, communityId, realm: 'console', username: options.username, decoyKey: options.decoyKey, now: options.now });
}
