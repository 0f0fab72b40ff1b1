import { test, expect } from './fixtures';

test('the start page renders and links to the service health', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Latchkey is running' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });
  await page.getByRole('link', { name: 'Service health' }).click();
  await expect(page).toHaveURL(/\/webauthn\/healthz$/);
  const body = JSON.parse((await page.locator('body').innerText()).trim()) as { status: string; code: string };
  expect(body).toMatchObject({ status: 'all services operational', code: '200' });
});

test('an unknown page shows a helpful not-found page', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/not-found.png', fullPage: true });
});

test('an invalid admin setup link explains what to do', async ({ page }) => {
  await page.goto('/admin/setup?token=not-a-real-token');
  await expect(page.getByRole('heading', { name: "This setup link can't be used" })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Ask an administrator for a new invitation' })).toContainText('npx latchkey admin setup-link');
  await page.screenshot({ path: 'test-results/screens/admin-setup-invalid.png', fullPage: true });
});

test('the browser offers WebAuthn with a virtual authenticator', async ({ page, authenticator }) => {
  await page.goto('/');
  expect(authenticator.authenticatorId).toBeTruthy();
  const available = await page.evaluate(() => PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable());
  expect(available).toBe(true);
});
