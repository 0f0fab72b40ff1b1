import { AppError } from '../errors';
import { hashSecret, randomToken } from '../crypto/tokens';
import type { TCeremonyBinding } from '../passkeys/ceremony';

/**
 * The `sessionInfo` of spec 000 ties a `.../result` call to the `.../options` call that started
 * its ceremony. It is an opaque random token handed out with the options; the ceremony stores only
 * its SHA-256 together with the calling license (lib/passkeys ceremony binding), and the community
 * is the ceremony's own. A result is accepted only when the ceremony its clientDataJSON challenge
 * names was started with the same token hash, by the same license, in the same community — so a
 * result can never complete someone else's ceremony, nor a ceremony of another surface.
 */

const SURFACE = 'webauthn-000';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionInfo(licenseId: string): { sessionInfo: string; binding: TCeremonyBinding } {
  const sessionInfo = randomToken();
  return { sessionInfo, binding: sessionInfoBinding(sessionInfo, licenseId) };
}

/**
 * The binding a result call must match.
 * @throws AppError `request.validation_failed` when the header is missing or not one of ours
 */
export function sessionInfoBinding(sessionInfo: string | undefined, licenseId: string): TCeremonyBinding {
  const value = sessionInfo?.trim();
  if (!value || !TOKEN.test(value)) {
    throw new AppError('request.validation_failed', { fields: { sessionInfo: 'required' }, publicMessage: 'Validation error: sessionInfo header is missing or malformed' });
  }
  return { surface: SURFACE, sessionInfo: hashSecret(value), licenseId };
}
