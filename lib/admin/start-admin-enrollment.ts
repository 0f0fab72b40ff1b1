import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { startRegistration } from '../passkeys/start-registration';
import { ZEnrollmentInput } from './enrollment-schema';
import { getConsoleCommunityId } from './console-community';
import { findValidSetupToken } from './create-setup-link';

export { ZEnrollmentInput, ZSetupToken, type TEnrollmentInput } from './enrollment-schema';

/**
 * Starts enrolling an administrator's first passkey from a setup link: checks the link (without
 * using it up) and the username, then starts a registration ceremony for a new console user,
 * bound to the link, so only a finish with the same link can complete it (finishAdminEnrollment).
 * @throws AppError `admin.setup_link_invalid`, `request.validation_failed`, `passkeys.username_taken`
 */
export async function startAdminEnrollment(options: { db: TTx; token: string; input: unknown; now?: Date }): Promise<{ options: PublicKeyCredentialCreationOptionsJSON }> {
  const setup = await findValidSetupToken({ db: options.db, token: options.token, now: options.now });
  if (!setup) throw new AppError('admin.setup_link_invalid', { detail: 'unknown, used or expired setup token' });
  const input = parseInput(ZEnrollmentInput, options.input);
  const communityId = await getConsoleCommunityId(options.db);
  return startRegistration({ db: options.db, communityId, realm: 'console', signUp: input, binding: { setupToken: setup.id }, now: options.now });
}
