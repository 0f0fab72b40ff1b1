import { test, expect } from './fixtures';
import { ShopPage, createApplicationWithCli, withDb } from './pages/fido2-customer';
import { screenshot } from './pages/screens';
import { VirtualAuthenticators } from './pages/virtual-authenticator';

// The FIDO2 API 2.0 (/fido2/v2) from a customer's page on another origin (shop.localhost, within
// the default community's rpId `localhost`) that uses @simplewebauthn/browser, in Chromium with a
// CDP virtual authenticator: sign-up, sign-in, the passkey list with the Bearer token, and a
// transaction confirmed in the page and on Latchkey's hosted page in a popup. Every call is a
// real cross-origin fetch (CORS preflights with Authorization included).

test('a shop on another origin signs up, signs in, lists passkeys and confirms a payment', async ({ page, authenticator, baseURL }) => {
  const apiOrigin = new URL(baseURL!).origin;
  const shopOrigin = apiOrigin.replace('//localhost', '//shop.localhost');
  // Chromium refuses the rpId `localhost` on shop.localhost: the shop's community has its own.
  const app = createApplicationWithCli(shopOrigin, apiOrigin, 'Book shop', 'shop.localhost');
  const device = new VirtualAuthenticators(authenticator);
  const username = `reader-${Date.now().toString(36)}`;
  // The intercepted page has no address of its own, so Chromium's Local Network Access treats it
  // as public and asks before it may call the loopback test server: the user grants it.
  await page.context().grantPermissions(['local-network-access'], { origin: shopOrigin });
  const shop = new ShopPage(page, shopOrigin, apiOrigin, app.id);
  await shop.open();

  const userId = await shop.register(username);
  expect(await device.credentials()).toEqual([expect.objectContaining({ rpId: 'shop.localhost', isResidentCredential: true })]);
  expect(withDb((db) => db.prepare('SELECT username, "communityId" FROM "User" WHERE id = ?').get(userId))).toEqual({ username, communityId: app.communityId });

  await page.getByLabel('User name').fill('');
  await shop.press('Sign in', `Signed in ${userId}`);
  await shop.press('My passkeys', /^Passkeys: .+$/);
  await page.getByLabel('User name').fill(username);
  await shop.press('Pay with passkey', /^Paid with passkey \w+ \(txHash verified\)$/);
  await screenshot(page, 'fido2-shop');
  const tx = withDb((db) => db.prepare('SELECT status, "passkeyId" FROM "TransactionConfirmation" WHERE "userId" = ?').all(userId));
  expect(tx).toEqual([{ status: 'confirmed', passkeyId: expect.any(String) }]);

  // Disabling the application invalidates the tokens it was given.
  withDb((db) => db.prepare('UPDATE "Application" SET status = ? WHERE id = ?').run('disabled', app.id));
  await shop.press('My passkeys', 'Error: 401 unauthorized: Missing or invalid credentials.');
});

test('a shop opens Latchkey’s confirmation page in a popup and hears back by postMessage', async ({ page, authenticator, baseURL }) => {
  const apiOrigin = new URL(baseURL!).origin;
  const app = createApplicationWithCli(apiOrigin, apiOrigin, 'Book shop');
  const device = new VirtualAuthenticators(authenticator);
  const shop = new ShopPage(page, apiOrigin, apiOrigin, app.id);
  await shop.open();
  await shop.register(`popup-${Date.now().toString(36)}`);

  const popupOpened = page.context().waitForEvent('page');
  await page.getByRole('button', { name: 'Pay on Latchkey’s page', exact: true }).click();
  const popup = await popupOpened;
  // The same passkey on the same device: the popup gets its own virtual authenticator with a copy.
  const popupDevice = await page.context().newCDPSession(popup);
  await popupDevice.send('WebAuthn.enable');
  const { authenticatorId } = await popupDevice.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await popupDevice.send('WebAuthn.addCredential', { authenticatorId, credential: (await device.credentials())[0]! });
  await expect(popup.getByRole('heading', { level: 1, name: 'Confirm a request' })).toBeVisible();
  await expect(popup.getByRole('main').getByRole('definition').first()).toHaveText('Book shop');
  await popup.getByRole('button', { name: 'Confirm with your passkey' }).click();
  await expect(popup.getByRole('main').getByRole('status').filter({ hasText: 'has received your confirmation' })).toBeVisible({ timeout: 20_000 });
  await expect(shop.result).toHaveText(/^Confirmed on Latchkey: [0-9a-f-]{36} with \w+$/);
  await screenshot(popup, 'fido2-popup-confirmed');
});

test('a page on an origin the application does not list is refused (403)', async ({ page, baseURL }) => {
  const apiOrigin = new URL(baseURL!).origin;
  const app = createApplicationWithCli(apiOrigin.replace('//localhost', '//shop.localhost'), apiOrigin, 'Other shop');
  // The same page, served on the API's own origin: not one of the application's origins.
  const shop = new ShopPage(page, apiOrigin, apiOrigin, app.id);
  await shop.open();
  await page.getByLabel('User name').fill('mallory');
  await shop.press('Create account', 'Error: 403 forbidden: This origin is not allowed to use this application.');
});
