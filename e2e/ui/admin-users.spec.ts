import { test, expect } from './fixtures';
import { setupLink, tenantWithCommunities } from './pages/admin-cli';
import { AdminSetupPage, uniqueAdmin, UsersPage } from './pages/admin-pages';
import { screenshot } from './pages/screens';
import { createHostedClient, expectOk } from '../support/hosted-client';
import { createSoftAuthenticator } from '../support/soft-authenticator';

// The Users page in Chromium: a tenant admin finds end users of their communities (search and
// community filter), opens one, disables and enables the account, revokes a passkey and deletes
// the user with a typed confirmation. End users sign up over HTTP with a software authenticator.

test.beforeEach(({ authenticator }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
});

async function signUp(baseUrl: string, communityId: string, username: string) {
  const hosted = createHostedClient({ baseUrl, communityId });
  const authenticator = createSoftAuthenticator();
  expectOk((await hosted.register(authenticator, { username, displayName: `Name ${username}` })).result);
  return { hosted, authenticator };
}

test('find a user, disable and enable, revoke a passkey, delete with confirmation', async ({ page }) => {
  test.slow();
  const baseUrl = new URL(process.env.LATCHKEY_E2E_BASE_URL!).origin;
  const acme = tenantWithCommunities('Acme', ['Web', 'Mobile']);
  const tag = Date.now().toString(36).slice(-5);
  const web = `wendy-${tag}`;
  const mobile = `mo-${tag}`;
  const wendy = await signUp(baseUrl, acme.communities.Web!, web);
  await signUp(baseUrl, acme.communities.Mobile!, mobile);

  await new AdminSetupPage(page).enroll(setupLink({ role: 'tenant', tenantId: acme.id }), uniqueAdmin('acme'));
  const users = new UsersPage(page);
  await users.goto();
  await expect(users.rows).toHaveCount(2);
  await screenshot(page, 'admin-users', { phone: true });

  // Search and filter on the server.
  await users.search.fill(web.toUpperCase());
  await expect(users.rows).toHaveCount(1);
  await expect(users.summary).toContainText('1 user matching');
  await users.search.fill('');
  await expect(users.rows).toHaveCount(2);
  await users.community.selectOption({ label: 'Mobile' });
  await expect(page).toHaveURL(/communityId=/);
  await expect(users.rows).toHaveCount(1);
  await expect(users.row(mobile)).toBeVisible();
  // The search keeps the filter.
  await users.search.fill(web);
  await expect(page).toHaveURL(/communityId=.*&q=|q=.*&communityId=/);
  await expect(users.rows).toHaveCount(0);
  await users.search.fill('');
  await expect(users.row(mobile)).toBeVisible();
  await expect(page).not.toHaveURL(/q=/);
  await users.community.selectOption({ label: 'All communities' });
  await expect(users.rows).toHaveCount(2);

  // The user's page: profile, passkey with provider, events.
  const user = await users.open(web);
  await expect(page.getByRole('heading', { level: 1, name: `Name ${web}` })).toBeVisible();
  await expect(user.passkeys).toHaveCount(1);
  await expect(user.events.filter({ hasText: 'Signed up with a passkey' })).toHaveCount(1);
  await screenshot(page, 'admin-user', { phone: true });

  // Disable: confirmed; the user's session ends at once. Enable again.
  await user.button('Disable account').click();
  await user.confirmDialog.getByRole('button', { name: 'Disable account' }).click();
  await expect(user.console.toasts).toContainText('is disabled and was signed out');
  await expect(page.getByText('This account is disabled')).toBeVisible();
  expect((await wendy.hosted.listPasskeys()).status).toBe(401);
  await user.button('Enable account').click();
  await expect(user.console.toasts).toContainText('can sign in again');
  await expect(user.button('Disable account')).toBeVisible();

  // Revoke the passkey.
  await user.passkeys.first().getByRole('button', { name: /^Revoke/ }).click();
  await user.confirmDialog.getByRole('button', { name: 'Revoke passkey' }).click();
  await expect(user.console.toasts).toContainText('was revoked');
  await expect(page.getByText('No passkeys')).toBeVisible();
  await expect(user.events.filter({ hasText: 'Passkey removed' })).toContainText('by an administrator');

  // Delete: the username must be typed.
  await user.button('Delete user').click();
  const confirm = user.confirmDialog.getByRole('button', { name: 'Delete user' });
  await expect(confirm).toBeDisabled();
  await user.confirmDialog.getByRole('textbox', { name: `Type ${web} to confirm` }).fill(web);
  await confirm.click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(users.console.toasts).toContainText(`${web} was deleted`);
  await expect(users.rows).toHaveCount(1);
  await expect(users.row(web)).toHaveCount(0);
});
