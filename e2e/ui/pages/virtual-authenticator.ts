import type { CDPSession } from '@playwright/test';
import type { TVirtualAuthenticator } from '../fixtures';

type TAuthenticatorOptions = { transport?: 'internal' | 'usb' | 'nfc' | 'ble'; isUserVerified?: boolean };

/**
 * The device side of the tests: Chrome DevTools' virtual authenticators (WebAuthn domain).
 *
 * How Chromium's virtual environment behaves (checked with Chromium 156, see docs/hosted-pages.md):
 * - a conditional (autofill) request is answered at once, without any focus or selection, when
 *   the authenticator holds a discoverable credential for the RP, and fails at once with
 *   NotAllowedError when it holds none;
 * - with automatic presence simulation off, every request (conditional or modal) stays pending
 *   until it times out or the page aborts it; turning presence back on does not answer a request
 *   that is already pending;
 * - with `isUserVerified: false`, create() and get() fail at once with NotAllowedError: what
 *   the page sees when the user cancels the browser's prompt.
 */
export class VirtualAuthenticators {
  readonly cdp: CDPSession;
  /** The fixture's authenticator (platform, resident keys, user verification). */
  readonly primary: string;

  constructor(fixture: TVirtualAuthenticator) {
    this.cdp = fixture.cdp;
    this.primary = fixture.authenticatorId;
  }

  /** The user answers (or, with false, never answers) the browser's prompts. */
  async setPresence(enabled: boolean, authenticatorId = this.primary) {
    await this.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
  }

  /** With false, the user fails or cancels verification: the ceremony ends with NotAllowedError. */
  async setUserVerified(isUserVerified: boolean, authenticatorId = this.primary) {
    await this.cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
  }

  async credentials(authenticatorId = this.primary) {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', { authenticatorId });
    return credentials;
  }

  /** Puts a credential (as `credentials()` returned it) back, e.g. to model another device that still holds it. */
  async restore(credential: Awaited<ReturnType<VirtualAuthenticators['credentials']>>[number], authenticatorId = this.primary) {
    await this.cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
  }

  /** A second device, e.g. a security key. Removed by `removeExtra`. */
  async add(options: TAuthenticatorOptions = {}): Promise<string> {
    const { authenticatorId } = await this.cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: options.transport ?? 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: options.isUserVerified ?? true, automaticPresenceSimulation: true },
    });
    return authenticatorId;
  }

  async remove(authenticatorId: string) {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  }
}
