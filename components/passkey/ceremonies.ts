import { browserSupportsWebAuthnAutofill, startAuthentication, startRegistration, WebAuthnAbortService } from '@simplewebauthn/browser';
import type { THostedApi } from './api';

/** The endpoints a sign-in needs (the hosted API, or the console's adapter). */
export type TSignInApi = Pick<THostedApi, 'authenticationOptions' | 'authenticationVerify'>;

/**
 * Creates a passkey: options from the server, the browser's create() ceremony, then verification.
 * Used for sign-up (`{ username, displayName }`) and for adding a passkey when signed in (`{}`).
 * Nothing is stored on the server unless the last step succeeds.
 */
export async function createPasskey(api: THostedApi, body: { username: string; displayName: string } | Record<string, never>) {
  const { options } = await api.registrationOptions(body);
  const response = await startRegistration({ optionsJSON: options });
  return api.registrationVerify(response);
}

/**
 * Signs in with a modal passkey prompt: usernameless (discoverable credentials) without a
 * username, or with the user's passkeys listed in allowCredentials with one (an unknown username
 * gets a decoy from the server, so the browser finds no passkey: NotAllowedError).
 */
export async function signInWithPasskey(api: TSignInApi, input: { username?: string } = {}) {
  const { options } = await api.authenticationOptions(input.username ? { username: input.username } : {});
  const response = await startAuthentication({ optionsJSON: options });
  return api.authenticationVerify(response);
}

/**
 * Passkey autofill (conditional mediation, WebAuthn L3 §5.1.4.1 with mediation "conditional"):
 * the browser offers the site's passkeys in the username field's suggestions, and the promise
 * resolves only when the user picks one. Returns undefined when the browser has no autofill.
 * `isCurrent` is checked after each await so that a request the page moved on from is dropped.
 */
export async function signInWithAutofill(api: TSignInApi, isCurrent: () => boolean) {
  if (!(await browserSupportsWebAuthnAutofill())) return undefined;
  if (!isCurrent()) return undefined;
  const { options } = await api.authenticationOptions({});
  if (!isCurrent()) return undefined;
  const response = await startAuthentication({ optionsJSON: options, useBrowserAutofill: true });
  if (!isCurrent()) return undefined;
  return api.authenticationVerify(response);
}

/** Stops any pending browser ceremony (autofill included), e.g. when leaving the page. */
export function cancelPasskeyCeremony() {
  WebAuthnAbortService.cancelCeremony();
}

/**
 * Tells the browser / password manager that a passkey no longer exists here, so it stops
 * offering it (WebAuthn Signal API, `PublicKeyCredential.signalUnknownCredential`). Best effort:
 * browsers without the API simply keep the passkey until the user removes it.
 */
export function signalDeleted(rpId: string, credentialId: string): void {
  if (typeof PublicKeyCredential === 'undefined') return;
  const signal = (PublicKeyCredential as unknown as { signalUnknownCredential?: (o: { rpId: string; credentialId: string }) => Promise<void> }).signalUnknownCredential;
  if (!signal) return;
  signal.call(PublicKeyCredential, { rpId, credentialId }).catch(() => undefined);
}
