import { test, expect } from './fixtures';
import { setupLink, tenantWithCommunities } from './pages/admin-cli';
import { AdminSetupPage, ApplicationsPage, TenantsPage, uniqueAdmin } from './pages/admin-pages';
import { screenshot } from './pages/screens';
import { SignUpPage, uniqueUser } from './pages/sign-up-page';

// Tenants & communities and Applications in Chromium: a system admin finds a community, brands it
// with a live preview that the hosted sign-in page then shows, edits its relying party (a new rpId
// is confirmed once users have passkeys); creates an application, an API key shown once, revokes
// it and disables the application.

test.beforeEach(({ authenticator }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
});

test('brand a community with a live preview, edit its relying party; manage an application and its keys', async ({ page }) => {
  test.slow();
  const acme = tenantWithCommunities('Acme', ['Web']);
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin('root'));

  // The list, searched on the server.
  const tenants = new TenantsPage(page);
  await tenants.goto();
  await tenants.search.fill(acme.name);
  await expect(page).toHaveURL(/\?q=/);
  await expect(tenants.rows).toHaveCount(1);
  await screenshot(page, 'admin-tenants', { phone: true });
  await tenants.openCommunity(acme.name, 'Web');

  // Branding: the preview follows the form as you type; the hosted page shows it once saved.
  const branding = page.getByRole('region', { name: 'Branding' });
  const preview = page.getByTestId('branding-preview');
  await branding.getByRole('textbox', { name: 'Display name' }).fill('Acme Sign-in');
  await expect(preview).toContainText('to continue to Acme Sign-in');
  await branding.getByRole('textbox', { name: 'Primary colour', exact: true }).fill('#0f766e');
  await expect(preview.locator('[style*="--color-brand-600"]')).toHaveAttribute('style', /--color-brand-600: ?#0f766e/);
  await branding.getByRole('textbox', { name: 'Primary colour', exact: true }).fill('teal');
  await branding.getByRole('button', { name: 'Save branding' }).click();
  await expect(branding.getByRole('textbox', { name: 'Primary colour', exact: true })).toBeFocused();
  await expect(branding.getByText('Use a colour like #1d4ed8')).toBeVisible();
  await screenshot(page, 'admin-community', { phone: true });
  await branding.getByRole('textbox', { name: 'Primary colour', exact: true }).fill('#0f766e');
  await branding.getByRole('button', { name: 'Save branding' }).click();
  await expect(tenants.console.toasts).toContainText('Branding saved');

  // Relying party: the shared schema refuses a bad timeout next to its field, then saves.
  const rp = page.getByRole('region', { name: 'Relying party' });
  await rp.getByRole('textbox', { name: 'Timeout (milliseconds)' }).fill('5');
  await rp.getByRole('button', { name: 'Save relying party' }).click();
  await expect(rp.getByText('At least 30 seconds')).toBeVisible();
  await rp.getByRole('textbox', { name: 'Timeout (milliseconds)' }).fill('120000');
  await rp.getByRole('combobox', { name: 'User verification' }).selectOption('required');
  await rp.getByRole('button', { name: 'Save relying party' }).click();
  await expect(tenants.console.toasts).toContainText('Relying-party settings saved');

  await page.goto(`/c/${acme.communities.Web}/login`);
  await expect(page.getByRole('banner')).toContainText('Acme Sign-in');

  // Once a user has a passkey, a new rpId needs the new rpId typed in a confirmation.
  await new SignUpPage(page, `/c/${acme.communities.Web}`).signUp(uniqueUser());
  await page.goto(`/admin/communities/${acme.communities.Web}`);
  await rp.getByRole('textbox', { name: 'Relying party ID (rpId)' }).fill('app.localhost');
  await rp.getByRole('textbox', { name: 'Origins', exact: true }).fill('http://app.localhost:3000');
  await expect(rp.getByText('Changing the rpId breaks existing passkeys')).toBeVisible();
  await rp.getByRole('button', { name: 'Save relying party' }).click();
  const confirm = page.getByRole('dialog', { name: 'Change the rpId?' });
  await expect(confirm.getByRole('button', { name: 'Change rpId' })).toBeDisabled();
  await screenshot(page, 'admin-community-rpid-confirm', { fullPage: false });
  await confirm.getByRole('textbox', { name: 'Type app.localhost to confirm' }).fill('app.localhost');
  await confirm.getByRole('button', { name: 'Change rpId' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('main')).toContainText('Relying party app.localhost');

  // Applications: create, a key shown once, revoke it, disable the application.
  const apps = new ApplicationsPage(page);
  await apps.goto();
  await apps.create({ community: `${acme.name} / Web`, name: 'Storefront' });
  await page.getByRole('button', { name: 'Create API key' }).click();
  await apps.dialog.getByRole('textbox', { name: 'Label (optional)' }).fill('backend');
  await apps.dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(apps.dialog.getByRole('textbox', { name: 'API key' })).toHaveValue(/^lkk_/);
  await screenshot(page, 'admin-application-key', { fullPage: false });
  await apps.dialog.getByRole('button', { name: 'Done' }).click();
  const key = page.getByTestId('api-key').filter({ hasText: 'backend' });
  await expect(key).toContainText('Active');
  await key.getByRole('button', { name: /Revoke/ }).click();
  await apps.dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(key).toContainText('Revoked');
  await page.getByRole('button', { name: 'Disable application' }).click();
  await apps.dialog.getByRole('button', { name: 'Disable application' }).click();
  await expect(page.getByRole('button', { name: 'Enable application' })).toBeVisible();
  await apps.goto();
  await expect(apps.rows.filter({ hasText: 'Storefront' })).toContainText('Disabled');
  await screenshot(page, 'admin-applications', { phone: true });
});
