import { test, expect } from './fixtures';
import { setupLink, tenantWithCommunities } from './pages/admin-cli';
import { AdminConsole, AdminSetupPage, AdminsPage, AdminSignInPage, uniqueAdmin } from './pages/admin-pages';
import { screenshot } from './pages/screens';

// The Admins page in Chromium: a system admin invites a community admin, who enrols in another
// browser and sees only their scope; then the system admin changes their role and removes them.

// Every test enrols through the browser: each page has a virtual authenticator.
test.beforeEach(({ authenticator }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
});

test('invite a community admin, who enrols and sees only their scope; change role; remove with confirmation', async ({ page, browser }) => {
  test.slow();
  const acme = tenantWithCommunities('Acme', ['Web', 'Mobile']);
  const root = uniqueAdmin('root');
  await new AdminSetupPage(page).enroll(setupLink(), root);
  const admins = new AdminsPage(page);
  await admins.goto();
  await expect(admins.row(root.username)).toContainText('You');
  await screenshot(page, 'admin-admins', { phone: true });

  // Invite: the form uses the server's schema (a community admin needs a community).
  await admins.inviteButton.click();
  const dialog = admins.dialog;
  await dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Community admin' });
  await dialog.getByRole('combobox', { name: 'Tenant' }).selectOption({ label: acme.name });
  await dialog.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(dialog.getByRole('group', { name: 'Communities' })).toBeFocused();
  await expect(dialog.getByText('Choose at least one community.')).toBeVisible();
  await screenshot(page, 'admin-invite-invalid', { phone: true, fullPage: false });
  await dialog.getByRole('checkbox', { name: 'Web' }).check();
  await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Wendy, web team');
  await dialog.getByRole('button', { name: 'Create invitation link' }).click();
  const linkField = dialog.getByRole('textbox', { name: 'One-time setup link' });
  await expect(linkField).toBeVisible();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/admin\/setup\?token=[\w-]{43}$/);
  await screenshot(page, 'admin-invite-link', { phone: true, fullPage: false });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('invitation').filter({ hasText: 'Wendy, web team' })).toContainText('Community admin');

  // The invited administrator, in another browser with their own authenticator.
  const other = await browser.newContext({ baseURL: page.url() });
  const wendyPage = await other.newPage();
  const cdp = await other.newCDPSession(wendyPage);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } });
  const wendy = uniqueAdmin('wendy');
  await new AdminSetupPage(wendyPage).goto(link);
  await expect(wendyPage.getByRole('main')).toContainText(`Web (${acme.name})`);
  await new AdminSetupPage(wendyPage).enroll(link, wendy);
  await expect(wendyPage.getByRole('banner')).toContainText('Community admin');
  const wendyAdmins = new AdminsPage(wendyPage);
  await wendyAdmins.goto();
  await expect(wendyAdmins.rows).toHaveCount(1);
  await expect(wendyAdmins.row(wendy.username)).toContainText('You');
  await expect(wendyAdmins.rows).not.toContainText(root.username);
  // Wendy may invite only community admins of her own communities.
  await wendyAdmins.inviteButton.click();
  await expect(wendyAdmins.dialog.getByRole('combobox', { name: 'Role' }).getByRole('option')).toHaveText(['Community admin']);
  await expect(wendyAdmins.dialog.getByRole('checkbox')).toHaveCount(1);
  await wendyAdmins.dialog.getByRole('button', { name: 'Cancel' }).click();
  await screenshot(wendyPage, 'admin-admins-community-scope', { phone: true });

  // Search on the server.
  await admins.goto();
  await admins.search.fill(wendy.username.slice(0, 12));
  await expect(admins.rows).toHaveCount(1);
  await expect(admins.summary).toContainText('1 administrator matching');
  await expect(page).toHaveURL(/\?q=/);
  await admins.search.fill('nobody-has-this-name');
  await expect(page.getByText('No administrators match “nobody-has-this-name”')).toBeVisible();
  await screenshot(page, 'admin-admins-no-match', { phone: true });
  await page.getByRole('link', { name: 'Clear the search' }).click();
  await expect(admins.row(wendy.username)).toBeVisible();

  // Change role: Wendy becomes the tenant's admin; she sees it on her next page.
  await admins.row(wendy.username).getByRole('button', { name: /^Change role/ }).click();
  await admins.dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: 'Tenant admin' });
  await admins.dialog.getByRole('combobox', { name: 'Tenant' }).selectOption({ label: acme.name });
  await screenshot(page, 'admin-change-role', { phone: true, fullPage: false });
  await admins.dialog.getByRole('button', { name: 'Save role' }).click();
  await expect(admins.dialog).toBeHidden();
  await expect(admins.console.toasts).toContainText('is now a tenant admin');
  await expect(admins.row(wendy.username)).toContainText('Tenant admin');
  await wendyPage.reload();
  await expect(wendyPage.getByRole('banner')).toContainText('Tenant admin');

  // Remove: a typed confirmation; her session ends at once.
  await admins.row(wendy.username).getByRole('button', { name: /^Remove/ }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: 'Remove' });
  const confirmButton = confirm.getByRole('button', { name: 'Remove administrator' });
  await expect(confirmButton).toBeDisabled();
  await confirm.getByRole('textbox', { name: `Type ${wendy.username} to confirm` }).fill(wendy.username);
  await screenshot(page, 'admin-remove-confirm', { phone: true, fullPage: false });
  await confirmButton.click();
  await expect(admins.console.toasts).toContainText('was removed and signed out');
  await expect(admins.row(wendy.username)).toHaveCount(0);
  await wendyPage.reload();
  await new AdminSignInPage(wendyPage).expectLoaded();
  await other.close();
});

test('the phone menu opens the navigation, including the sections that come next', async ({ page }) => {
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin());
  await page.setViewportSize({ width: 390, height: 844 });
  const console = new AdminConsole(page);
  await expect(console.nav).toBeHidden();
  await console.menuButton.click();
  const menu = page.getByRole('dialog', { name: 'Console menu' });
  await expect(menu).toBeVisible();
  await expect(menu.getByLabel('Journeys (coming next)')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/admin-menu-phone.png', fullPage: false, animations: 'disabled' });
  await menu.getByRole('link', { name: 'Audit log' }).click();
  await expect(menu).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
});

test('every section of the navigation has a page', async ({ page }) => {
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin());
  const console = new AdminConsole(page);
  for (const section of ['Tenants & communities', 'Users', 'Authenticator metadata', 'Licenses & API keys', 'Applications', 'Transactions', 'OTP outbox', 'Audit log', 'Admins', 'My account', 'Dashboard']) {
    await console.open(section);
  }
});
