import { test as base, type CDPSession } from '@playwright/test';

export type TVirtualAuthenticator = { cdp: CDPSession; authenticatorId: string };

/**
 * `baseURL` of the server the global setup started, and `authenticator`: a CTAP2 platform
 * authenticator with resident keys and user verification, through Chrome DevTools' WebAuthn domain.
 */
export const test = base.extend<{ authenticator: TVirtualAuthenticator }>({
  baseURL: async ({}, use) => {
    await use(process.env.LATCHKEY_E2E_BASE_URL);
  },
  authenticator: async ({ page }, use) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    await use({ cdp, authenticatorId });
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  },
});

export { expect } from '@playwright/test';
