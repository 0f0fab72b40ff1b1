import { AppError } from '../errors';
import { hashSecret, randomToken } from '../crypto/tokens';
import type { TCeremonyBinding } from '../passkeys/ceremony';

/**
 * The `session` of the FIDO2 API 2.0 ties a complete call to the init call that started its
 * ceremony (like the 000 `sessionInfo` and the 001 `session`). It is `<ref>.<secret>`: `ref` names
 * what the complete call acts on — the application for auth and reg, the transaction for tx,
 * since those complete bodies carry no `app` — and the secret is 256 random bits. The ceremony
 * stores only the SHA-256 of the whole value with the application id; a complete call is
 * accepted only with exactly that value, for that application, on a ceremony of this surface.
 * Clients treat it as opaque.
 */

const SURFACE = 'fido2-v2';
const SESSION = /^([A-Za-z0-9_-]{1,128})\.[A-Za-z0-9_-]{43}$/;

/** A new session for a ceremony about `ref` (an application or transaction id). */
export function newSession(ref: string): string {
  return `${ref}.${randomToken()}`;
}

/**
 * The application or transaction id a session names.
 * @throws AppError `request.validation_failed` when it is not a session of ours
 */
export function sessionRef(session: string): string {
  const match = SESSION.exec(session);
  if (!match) throw new AppError('request.validation_failed', { fields: { session: 'is not a session of this service' }, publicMessage: 'Validation error: session: is not a session of this service' });
  return match[1]!;
}

/** What a 002 ceremony is bound to: this surface, the application and the hash of its session. */
export function sessionBinding(applicationId: string, session: string): TCeremonyBinding {
  return { surface: SURFACE, applicationId, session: hashSecret(session) };
}
