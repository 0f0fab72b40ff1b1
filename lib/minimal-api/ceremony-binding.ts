import type { TCeremonyBinding } from '../passkeys/ceremony';
import type { TRpOverride } from '../passkeys/rp';
import { hashSecret, randomToken } from '../crypto/tokens';
import type { TMinimalApiCaller } from './authenticate-call';

/** Tags the ceremonies this surface starts, so no other surface can finish them (and vice versa). */
const SURFACE = 'webauthn-001';

/** A new `session` for a request call: random, handed to the caller, stored only as a hash. */
export function newSession(): string {
  return randomToken();
}

/**
 * What a spec 001 ceremony is bound to: this surface, the API key, the origin (hence the rpId)
 * and the hash of the `session` the request call returned. The response call must present the
 * same key, origin and session, so it is tied to its request call.
 */
export function bindingOf(caller: TMinimalApiCaller, session: string): TCeremonyBinding {
  return { surface: SURFACE, apiKeyId: caller.apiKey.id, origin: caller.origin, session: hashSecret(session) };
}

/** The relying party of the call: the Origin's host as rpId, the Origin as the only expected origin. */
export function rpOf(caller: TMinimalApiCaller): TRpOverride {
  return { rpId: caller.rpId, origins: [caller.origin] };
}
