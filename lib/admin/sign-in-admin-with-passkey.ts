import type { TDb } from '../db';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { finishAuthentication } from '../passkeys/finish-authentication';
import { openAdminSession } from './admin-session';
import { getConsoleCommunityId } from './console-community';
import type { TAdminPrincipal } from './principal';

/**
 * An administrator's passkey sign-in: verifies the assertion on the console community through
 * lib/passkeys (single-use challenge, counter, AAGUID policy, user verification), then opens a
 * console session for the passkey's user.
 * @throws AppError as finishAuthentication, and `auth.unauthenticated` (the passkey's user is not an administrator)
 */
export async function signInAdminWithPasskey(options: { db: TDb; response: unknown; meta?: TRequestMeta; now?: Date }): Promise<{ token: string; expiresAt: Date; principal: TAdminPrincipal }> {
  const communityId = await getConsoleCommunityId(options.db);
  const result = await finishAuthentication({ db: options.db, communityId, realm: 'console', response: options.response, meta: options.meta, now: options.now });
  return openAdminSession({ db: options.db, identity: { provider: 'passkey', userId: result.user.id }, amr: result.amr, authTime: result.authTime, meta: options.meta, now: options.now });
}
