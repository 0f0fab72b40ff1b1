import { test, expect } from './fixtures';
import { AutofillGate } from './pages/autofill-gate';
import { setupLink } from './pages/admin-cli';
import { AdminConsole, AdminSetupPage, AdminSignInPage, uniqueAdmin } from './pages/admin-pages';
import { screenshot } from './pages/screens';
import { VirtualAuthenticators } from './pages/virtual-authenticator';

// The console's own sign-in, in Chromium with a CDP virtual authenticator: a setup link enrols
// the administrator's first passkey; sign-out; sign-in by autofill and by the passkey button.

const SESSION_OPTIONS = '**/admin/api/session/options';

// Every test enrols through the browser: each page has a virtual authenticator.
test.beforeEach(({ authenticator }) => {
  expect(authenticator.authenticatorId).toBeTruthy();
});

test('a setup link enrols the first passkey and opens the console; the link is then used up', async ({ page, authenticator }) => {
  const device = new VirtualAuthenticators(authenticator);
  const setup = new AdminSetupPage(page);
  const link = setupLink();
  await setup.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up your administrator account' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('System admin');
  await screenshot(page, 'admin-setup', { phone: true });

  // Checked in the browser with the server's schema; focus on the first problem.
  await setup.username.fill('not valid!');
  await setup.submit.click();
  await expect(setup.username).toBeFocused();
  await expect(setup.username).toHaveAccessibleDescription(/Use letters, digits and \. _ - @ \+ only\./);
  await expect(setup.displayName).toHaveAccessibleDescription(/Enter your name\./);
  await screenshot(page, 'admin-setup-invalid', { phone: true });
  expect(await device.credentials()).toHaveLength(0);

  const admin = uniqueAdmin('root');
  await setup.username.fill(admin.username);
  await setup.displayName.fill(admin.displayName);
  await setup.submit.click();
  const console = new AdminConsole(page);
  await console.expectOn('Dashboard');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.displayName}` })).toBeVisible();
  await expect(console.adminName).toHaveText(admin.displayName);
  await expect(page.getByRole('banner')).toContainText('System admin');
  expect(await device.credentials()).toHaveLength(1);
  await screenshot(page, 'admin-dashboard', { phone: true });

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: "This setup link can't be used" })).toBeVisible();
});

test('sign out, then sign in with passkey autofill; pages need a session and return to where you were', async ({ page, authenticator }) => {
  const device = new VirtualAuthenticators(authenticator);
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin());
  // Hold the autofill back (presence off) so the signed-out sign-in page stays put.
  await device.setPresence(false);
  const console = new AdminConsole(page);
  await console.signOut();
  const signIn = new AdminSignInPage(page);
  await expect(signIn.username).toHaveAttribute('autocomplete', 'username webauthn');
  await screenshot(page, 'admin-sign-in', { phone: true });

  // Signed out for real: a console page sends us to sign in, and back after.
  await page.goto('/admin/admins');
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Fadmins$/);
  await signIn.expectLoaded();

  // Autofill (conditional mediation) starts on load: Chromium answers it at once.
  await device.setPresence(true);
  const optionsRequest = page.waitForRequest((r) => r.url().endsWith('/admin/api/session/options'));
  await page.reload();
  expect((await optionsRequest).postDataJSON()).toEqual({});
  await console.expectOn('Admins');
  await expect(page).toHaveURL(/\/admin\/admins$/);
});

test('sign in with the "Sign in with a passkey" button', async ({ page }) => {
  const gate = await AutofillGate.install(page, SESSION_OPTIONS);
  const admin = uniqueAdmin();
  await new AdminSetupPage(page).enroll(setupLink(), admin);
  await new AdminConsole(page).signOut();
  gate.open();
  await new AdminSignInPage(page).passkeyButton.click();
  await new AdminConsole(page).expectOn('Dashboard');
  await expect(new AdminConsole(page).adminName).toHaveText(admin.displayName);
});

test('a passkey that is not an administrator’s is refused with a clear message', async ({ page, authenticator }) => {
  const device = new VirtualAuthenticators(authenticator);
  const gate = await AutofillGate.install(page, SESSION_OPTIONS);
  await new AdminSetupPage(page).enroll(setupLink(), uniqueAdmin());
  const [credential] = await device.credentials();
  await new AdminConsole(page).signOut();
  // The device now holds a passkey for this site that the console does not know (e.g. one
  // deleted from the account).
  await device.cdp.send('WebAuthn.clearCredentials', { authenticatorId: device.primary });
  await device.restore({ ...credential!, credentialId: 'AAAAAAAAAAAAAAAAAAAAAA==', isResidentCredential: true });
  gate.open();
  const signIn = new AdminSignInPage(page);
  await signIn.passkeyButton.click();
  await expect(signIn.error).toContainText(/no passkey for the admin console|isn't registered here/);
  await expect(page).toHaveURL(/\/admin\/sign-in/);
  await screenshot(page, 'admin-sign-in-error', { phone: true });
});
