import crypto from 'node:crypto';
import path from 'node:path';
import { createDb } from '../../lib/db';
import { test, expect } from './fixtures';
import { setupLink, tenantWithCommunities } from './pages/admin-cli';
import { ActivityPage, LicensesPage } from './pages/admin-keys-pages';
import { AdminSetupPage, uniqueAdmin } from './pages/admin-pages';
import { screenshot } from './pages/screens';

// Licenses & API keys, Transactions and the OTP outbox in Chromium, as a system administrator.

test.beforeEach(({ authenticator }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
});

test('create a license (key shown once) and revoke it with confirmation; create an API key', async ({ page }) => {
  test.slow();
  const acme = tenantWithCommunities('Acme', ['Web', 'Mobile']);
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin('root'));
  const licenses = new LicensesPage(page);
  await licenses.goto();

  // The form validates with the server's schema: a tenant license needs a community.
  await page.getByRole('button', { name: 'Create license' }).click();
  await licenses.dialog.getByRole('combobox', { name: 'Tenant' }).selectOption({ label: acme.name });
  await licenses.dialog.getByRole('button', { name: 'Create license' }).click();
  await expect(licenses.dialog.getByText('Choose at least one community.')).toBeVisible();
  await screenshot(page, 'admin-license-invalid', { phone: true, fullPage: false });
  await licenses.dialog.getByRole('checkbox', { name: 'Web' }).check();
  await licenses.dialog.getByRole('textbox', { name: 'Label (optional)' }).fill('Checkout back end');
  await licenses.dialog.getByRole('button', { name: 'Create license' }).click();
  await screenshot(page, 'admin-license-created', { phone: true, fullPage: false });
  const key = await licenses.takeSecret('License key');
  expect(key).toMatch(/^lk_[\w-]{43}$/);
  const row = licenses.licenseRows.filter({ hasText: 'Checkout back end' });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText('Web');
  await expect(page.getByText(key)).toHaveCount(0);
  await screenshot(page, 'admin-licenses', { phone: true });
  await licenses.revoke(row, 'Revoke license');

  // API keys: allowed origins must belong to the community.
  await licenses.tabs.getByRole('link', { name: 'API keys' }).click();
  await expect(page).toHaveURL(/\/admin\/licenses\/api-keys$/);
  await page.getByRole('button', { name: 'Create API key' }).click();
  await licenses.dialog.getByRole('combobox', { name: 'Community' }).selectOption({ label: `${acme.name} / Mobile` });
  await licenses.dialog.getByRole('textbox', { name: 'Allowed origins' }).fill('https://evil.test');
  await licenses.dialog.getByRole('button', { name: 'Create API key' }).click();
  await expect(licenses.dialog.getByRole('alert')).toContainText("Each allowed origin must be one of the community's origins");
  await screenshot(page, 'admin-api-key-refused', { phone: true, fullPage: false });
  await licenses.dialog.getByRole('textbox', { name: 'Allowed origins' }).fill(new URL(page.url()).origin);
  await licenses.dialog.getByRole('textbox', { name: 'Label (optional)' }).fill('Shop website');
  await licenses.dialog.getByRole('button', { name: 'Create API key' }).click();
  const apiKey = await licenses.takeSecret('API key');
  expect(apiKey).toMatch(/^lkk_/);
  await expect(licenses.apiKeyRows.filter({ hasText: 'Shop website' })).toContainText('Mobile');
  await screenshot(page, 'admin-api-keys', { phone: true });
});

test('transactions with their evidence, and the outbox with a live code masked', async ({ page }) => {
  test.slow();
  const acme = tenantWithCommunities('Acme', ['Web']);
  const communityId = acme.communities.Web!;
  const db = createDb(`file:${path.join(process.env.LATCHKEY_E2E_DATA_DIR!, 'latchkey.db')}`);
  const username = `alice-${crypto.randomUUID().slice(0, 6)}`;
  try {
    const user = await db.user.create({ data: { communityId, username, displayName: 'Alice', userHandle: crypto.randomUUID() } });
    const app = await db.application.create({ data: { communityId, name: 'Payments' } });
    const passkey = await db.passkey.create({ data: { communityId, userId: user.id, credentialId: 'cred-1', publicKey: 'pk', alg: -7, name: 'Alice’s phone' } });
    const common = { communityId, applicationId: app.id, userId: user.id, nonce: 'client-nonce', lNonce: 'server-nonce', txHash: 'tx-hash' };
    await db.transactionConfirmation.create({ data: { ...common, passkeyId: passkey.id, txType: 'payment', txPayload: '{"amount":"42.00","to":"Bob"}', status: 'confirmed', assertion: { id: 'cred-1', response: { signature: 'c2ln' } }, result: { verified: true }, completedAt: new Date() } });
    await db.transactionConfirmation.create({ data: { ...common, txType: 'contract', txPayload: 'Sign the lease', status: 'pending', expiresAt: new Date(Date.now() + 600_000) } });
    await db.outboxMessage.create({ data: { communityId, channel: 'email', to: `${username}@example.com`, subject: 'Your Acme sign-in code', body: 'Your Acme sign-in code is 135790.', status: 'outbox' } });
  } finally {
    await db.$disconnect();
  }
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin('root'));

  const activity = new ActivityPage(page);
  await activity.goto('Transactions');
  await activity.filter('Community').selectOption({ label: `${acme.name} / Web` });
  await activity.filter('Status').selectOption({ label: 'Confirmed' });
  await expect(page).toHaveURL(new RegExp(`communityId=${communityId}.*status=confirmed|status=confirmed.*communityId=${communityId}`));
  await expect(activity.filter('Community')).toHaveValue(communityId);
  await expect(activity.rows('transaction-row')).toHaveCount(1);
  await screenshot(page, 'admin-transactions', { phone: true });
  await activity.rows('transaction-row').getByRole('link', { name: /payment/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Transaction: payment');
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('{"amount":"42.00","to":"Bob"}');
  await expect(page.getByRole('region', { name: 'Evidence' })).toContainText('server-nonce');
  await expect(page.getByRole('region', { name: 'Who and when' })).toContainText(`Alice (${username})`);
  await screenshot(page, 'admin-transaction', { phone: true });

  // Opened with the search in the URL (search-as-you-type is the users spec's subject).
  await page.goto(`/admin/outbox?q=${encodeURIComponent(username)}`);
  await expect(page.getByRole('searchbox', { name: 'Search messages' })).toHaveValue(username);
  await expect(activity.rows('message-row')).toHaveCount(1);
  await screenshot(page, 'admin-outbox', { phone: true });
  await activity.rows('message-row').getByRole('link').click();
  await expect(page).toHaveURL(/\/admin\/outbox\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your Acme sign-in code');
  await expect(page.getByText('Your Acme sign-in code is ••••••.')).toBeVisible();
  await expect(page.getByText('135790')).toHaveCount(0);
  await screenshot(page, 'admin-outbox-message', { phone: true });
});
