import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ShopPage, createApplicationWithCli, withDb, PAYMENT } from './pages/fido2-customer';
import { screenshot } from './pages/screens';
import { VirtualAuthenticators } from './pages/virtual-authenticator';

// The hosted transaction confirmation page (/c/{communityId}/tx/{txId}#session=…): what the user
// sees before signing (application, type, payload as text, JSON laid out), the browser prompt,
// and the states after it — confirmed, already confirmed, expired, wrong account, invalid link —
// on a desktop and a 390 px phone.

type TStarted = { txId: string; session: string; confirmationUrl: string };

/** Starts a transaction the way the shop's back end would, from inside the shop page (same fetch, same Origin). */
async function startTransaction(page: Page, appId: string, apiOrigin: string, username: string, txPayload = PAYMENT): Promise<TStarted> {
  return page.evaluate(
    async ({ appId, apiOrigin, username, txPayload }) => {
      const res = await fetch(`${apiOrigin}/fido2/v2/tx/init`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ app: { id: appId }, username, txType: 'payment', txPayload, nonce: crypto.randomUUID() }),
      });
      if (!res.ok) throw new Error(`tx/init ${res.status} ${await res.text()}`);
      return res.json();
    },
    { appId, apiOrigin, username, txPayload },
  );
}

async function setUp(page: Page, baseURL: string | undefined) {
  const apiOrigin = new URL(baseURL!).origin;
  const app = createApplicationWithCli(apiOrigin, apiOrigin, 'Book shop');
  const shop = new ShopPage(page, apiOrigin, apiOrigin, app.id);
  await shop.open();
  return { apiOrigin, app, shop };
}

const main = (page: Page) => page.getByRole('main');

test('shows the payment, confirms it with the passkey, and says so again on reload', async ({ page, authenticator, baseURL }) => {
  const { apiOrigin, app, shop } = await setUp(page, baseURL);
  const username = `payer-${Date.now().toString(36)}`;
  await shop.register(username);
  const started = await startTransaction(page, app.id, apiOrigin, username);
  expect(started.confirmationUrl).toBe(`${apiOrigin}/c/${app.communityId}/tx/${started.txId}#session=${started.session}`);

  await page.goto(started.confirmationUrl);
  await expect(page).toHaveTitle(/^Confirm a request · /);
  await expect(page.getByRole('heading', { level: 1, name: 'Confirm a request' })).toBeVisible();
  const details = main(page).getByRole('definition');
  await expect(details.nth(0)).toHaveText('Book shop');
  await expect(details.nth(1)).toHaveText('payment');
  // JSON laid out for reading, and the exact signed text one click away.
  const payload = page.locator('pre[aria-labelledby="tx-payload-title"]');
  await expect(payload).toContainText('"amount": "42.50"');
  await main(page).getByText('Show the exact text, as signed').click();
  await expect(main(page).getByText(PAYMENT, { exact: true })).toBeVisible();
  await main(page).getByText('Show the exact text, as signed').click();
  await screenshot(page, 'tx-confirm', { phone: true });

  const device = new VirtualAuthenticators(authenticator);
  const before = (await device.credentials())[0]!.signCount;
  await main(page).getByRole('button', { name: 'Confirm with your passkey' }).click();
  await expect(main(page).getByRole('status').filter({ hasText: 'Confirmed' })).toContainText('Your confirmation was recorded. You can return to Book shop.');
  expect((await device.credentials())[0]!.signCount).toBeGreaterThan(before);
  await expect(main(page).getByRole('button', { name: 'Confirm with your passkey' })).toHaveCount(0);
  expect(withDb((db) => db.prepare('SELECT status FROM "TransactionConfirmation" WHERE id = ?').get(started.txId))).toEqual({ status: 'confirmed' });
  await screenshot(page, 'tx-confirmed', { phone: true });

  await page.reload();
  await expect(main(page).getByRole('status').filter({ hasText: 'Already confirmed' })).toBeVisible();
  await screenshot(page, 'tx-already-confirmed');
});

test('renders a markup payload as text, and a cancelled prompt leaves the request open', async ({ page, authenticator, baseURL }) => {
  const { apiOrigin, app, shop } = await setUp(page, baseURL);
  const username = `careful-${Date.now().toString(36)}`;
  await shop.register(username);
  const markup = '<img src=x onerror="document.title=\'pwned\'"><b>Transfer 10 EUR</b>';
  const started = await startTransaction(page, app.id, apiOrigin, username, markup);
  await page.goto(started.confirmationUrl);
  await expect(page.locator('pre[aria-labelledby="tx-payload-title"]')).toHaveText(markup);
  await expect(page.locator('main img')).toHaveCount(0);
  await expect(page).not.toHaveTitle('pwned');

  const device = new VirtualAuthenticators(authenticator);
  await device.setUserVerified(false);
  await main(page).getByRole('button', { name: 'Confirm with your passkey' }).click();
  await expect(main(page).getByRole('alert')).toContainText('Not confirmed');
  await expect(main(page).getByRole('alert')).toContainText('nothing was signed');
  await screenshot(page, 'tx-cancelled', { phone: true });
  expect(withDb((db) => db.prepare('SELECT status FROM "TransactionConfirmation" WHERE id = ?').get(started.txId))).toEqual({ status: 'pending' });
  await device.setUserVerified(true);
  await main(page).getByRole('button', { name: 'Confirm with your passkey' }).click();
  await expect(main(page).getByRole('status').filter({ hasText: 'Confirmed' })).toBeVisible();
});

test('a passkey of another account closes the request as “wrong account”', async ({ page, authenticator, baseURL }) => {
  const { apiOrigin, app, shop } = await setUp(page, baseURL);
  const owner = `owner-${Date.now().toString(36)}`;
  await shop.register(owner);
  // The owner's passkey lives on another device: this one only holds someone else's.
  const device = new VirtualAuthenticators(authenticator);
  const [ownerCredential] = await device.credentials();
  await device.cdp.send('WebAuthn.removeCredential', { authenticatorId: device.primary, credentialId: ownerCredential!.credentialId });
  await shop.register(`other-${Date.now().toString(36)}`);
  const started = await startTransaction(page, app.id, apiOrigin, owner);
  await page.goto(started.confirmationUrl);
  await main(page).getByRole('button', { name: 'Confirm with your passkey' }).click();
  await expect(main(page).getByRole('alert')).toContainText('Wrong account');
  await expect(main(page).getByRole('alert')).toContainText('belongs to another account');
  await expect(main(page).getByRole('button', { name: 'Confirm with your passkey' })).toHaveCount(0);
  expect(withDb((db) => db.prepare('SELECT status FROM "TransactionConfirmation" WHERE id = ?').get(started.txId))).toEqual({ status: 'failed' });
  await screenshot(page, 'tx-wrong-account', { phone: true });
});

test('says clearly when a request has expired or the link is not valid', async ({ page, authenticator, baseURL }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
  const { apiOrigin, app, shop } = await setUp(page, baseURL);
  const username = `late-${Date.now().toString(36)}`;
  await shop.register(username);
  const started = await startTransaction(page, app.id, apiOrigin, username);
  // Expired: its deadline is its creation time (stored in the column's own format).
  withDb((db) => db.prepare('UPDATE "TransactionConfirmation" SET "expiresAt" = "createdAt" WHERE id = ?').run(started.txId));
  await page.goto(started.confirmationUrl);
  await expect(main(page).getByRole('status').filter({ hasText: 'This request has expired' })).toContainText('Nothing was signed. Start again from Book shop');
  await expect(main(page).getByRole('button', { name: 'Confirm with your passkey' })).toHaveCount(0);
  await screenshot(page, 'tx-expired', { phone: true });

  await page.goto(started.confirmationUrl.replace(/#.*$/, ''));
  await expect(main(page).getByRole('alert')).toContainText('This link is incomplete');
  await screenshot(page, 'tx-link-incomplete');
  await page.goto(started.confirmationUrl.replace(/#session=.*$/, `#session=${started.txId}.${'A'.repeat(43)}`));
  await expect(main(page).getByRole('alert')).toContainText('This confirmation link isn’t valid');
  await screenshot(page, 'tx-link-invalid', { phone: true });
});
