import { test, expect } from './fixtures';
import { setupLink } from './pages/admin-cli';
import { AdminAccountPage, AdminSetupPage, uniqueAdmin } from './pages/admin-pages';
import { screenshot } from './pages/screens';
import { VirtualAuthenticators } from './pages/virtual-authenticator';

// My account: an administrator adds a second passkey (so a lost device doesn't lock them out),
// renames and deletes passkeys, but never the last one.

test('add a second passkey, rename it, delete one, never the last', async ({ page, authenticator }) => {
  const device = new VirtualAuthenticators(authenticator);
  const admin = uniqueAdmin('ada');
  await new AdminSetupPage(page).enroll(setupLink(), admin);
  await expect(page.getByRole('main').getByText('You have only one passkey')).toBeVisible();
  const account = new AdminAccountPage(page);
  await account.console.open('My account');
  await account.expectLoaded(1);
  await expect(page.getByRole('main')).toContainText(admin.username);
  const only = account.passkeys.first();
  await expect(only.getByRole('button', { name: /^Delete/ })).toBeDisabled();
  await expect(only.getByRole('button', { name: /^Delete/ })).toHaveAccessibleDescription(/only passkey, so it can't be deleted/);
  await screenshot(page, 'admin-account', { phone: true });

  const securityKey = await device.add({ transport: 'usb' });
  await account.addButton.click();
  await expect(account.passkeys).toHaveCount(2);
  await expect(account.status).toContainText('added');
  expect(await device.credentials(securityKey)).toHaveLength(1);
  const newest = account.passkeys.first();
  await newest.getByRole('button', { name: /^Rename/ }).click();
  const field = page.getByRole('textbox', { name: 'Passkey name' });
  await field.fill('Backup key');
  await field.press('Enter');
  await expect(account.passkey('Backup key')).toBeVisible();
  await screenshot(page, 'admin-account-two-passkeys', { phone: true });

  // Delete the first one; the backup key is then the only one and can't be deleted.
  await account.passkeys.nth(1).getByRole('button', { name: /^Delete/ }).click();
  await expect(account.dialog).toBeVisible();
  await account.dialog.getByRole('button', { name: 'Delete passkey' }).click();
  await expect(account.passkeys).toHaveCount(1);
  await expect(account.passkey('Backup key').getByRole('button', { name: /^Delete/ })).toBeDisabled();
  await page.reload();
  await account.expectLoaded(1);
});
