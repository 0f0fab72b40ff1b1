import { test, expect } from './fixtures';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;

test.describe('API reference pages', () => {
  for (const vp of VIEWPORTS) {
    test(`index and references render (${vp.name})`, async ({ page }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });

      await page.goto('/docs');
      await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Latchkey WebAuthn API', exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: '/docs/openapi/hosted.json' })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/docs-index-${vp.name}.png`, fullPage: true });

      await page.goto('/docs/webauthn');
      await expect(page.getByRole('heading', { level: 1, name: 'Latchkey WebAuthn API' })).toBeVisible();
      // Operations are level-3 headings "METHOD path", grouped under level-2 tag headings.
      await expect(page.getByRole('heading', { level: 2, name: 'Minimal API' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: 'post /webauthn/registration/request' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: 'get /webauthn/healthz' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: 'delete /webauthn/unregister/community/{communityId}/user/{userId}/did_or_fidokey/{identifier}' })).toBeVisible();
      const healthz = page.locator('#op-gethealthz');
      await expect(healthz.getByText('Available', { exact: true })).toBeVisible();
      await expect(page.locator('#op-registrationrequest').getByText('X-Api-Key header')).toBeVisible();
      // Parameters tables have column headers.
      await expect(page.locator('#op-u1assertionresult').getByRole('columnheader', { name: 'Name' })).toBeVisible();
      await expect(page.locator('#op-u1assertionresult').getByRole('rowheader', { name: /sessionInfo/ })).toBeVisible();
      // No horizontal page overflow: wide tables scroll inside their own region.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/docs-webauthn-${vp.name}.png`, fullPage: false });
      await page.locator('#op-u1assertionresult').scrollIntoViewIfNeeded();
      await page.locator('#op-u1assertionresult').screenshot({ path: `test-results/screens/docs-webauthn-operation-${vp.name}.png` });

      await page.goto('/docs/hosted');
      await expect(page.getByRole('heading', { level: 1, name: 'Latchkey hosted passkey API' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: 'patch /passkeys/{passkeyId}' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: 'Passkey', exact: true })).toBeVisible();
      await page.screenshot({ path: `test-results/screens/docs-hosted-${vp.name}.png`, fullPage: true });
      await page.locator('#op-post-registration-verify').screenshot({ path: `test-results/screens/docs-hosted-operation-${vp.name}.png` });

      await page.goto('/docs/fido2');
      await expect(page.getByRole('heading', { level: 1, name: 'Latchkey FIDO2 API 2.0' })).toBeVisible();
      for (const tag of ['auth', 'reg', 'tx', 'passkeys', '.well-known', 'version']) await expect(page.getByRole('heading', { level: 2, name: tag, exact: true })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: 'post /fido2/v2/tx/complete' })).toBeVisible();
      await expect(page.locator('#op-txinit').getByText('Available', { exact: true })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `test-results/screens/docs-fido2-${vp.name}.png`, fullPage: false });
      await page.locator('#op-txinit').scrollIntoViewIfNeeded();
      await page.locator('#op-txinit').screenshot({ path: `test-results/screens/docs-fido2-operation-${vp.name}.png` });
    });
  }

  test('a skip link leads to the main content', async ({ page }) => {
    await page.goto('/docs/webauthn');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await skip.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });

  test('the pages work without JavaScript', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await page.goto('/docs/hosted');
    await expect(page.getByRole('heading', { level: 3, name: 'post /registration/options' })).toBeVisible();
    await context.close();
  });
});
