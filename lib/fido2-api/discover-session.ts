import { hashSecret, randomToken } from '../crypto/tokens';
import type { TCeremonyBinding } from '../passkeys/ceremony';

/** Tags the ceremonies the 002 dialect starts, so no other surface can finish them (and vice versa). */
export const FIDO2_SURFACE = 'fido2-v2';

/**
 * The opaque `session` a 002 start call hands out (≥ 16 characters as the OpenAPI requires): a
 * random token; the ceremony keeps only its SHA-256 in its binding, with the application, so the
 * complete call must present the same session for the same application.
 */
export function newFido2Session(applicationId: string): { session: string; binding: TCeremonyBinding } {
  const session = randomToken();
  return { session, binding: fido2SessionBinding(session, applicationId) };
}

/** The binding a complete call with this `session` must match. */
export function fido2SessionBinding(session: string, applicationId: string): TCeremonyBinding {
  return { surface: FIDO2_SURFACE, appId: applicationId, session: hashSecret(session) };
}
