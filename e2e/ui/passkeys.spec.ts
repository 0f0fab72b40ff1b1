import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { AccountPage } from './pages/account-page';
import { AutofillGate } from './pages/autofill-gate';
import { createBrandedCommunity } from './pages/branded-community';
import { screenshot } from './pages/screens';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage, uniqueUser } from './pages/sign-up-page';
import { VirtualAuthenticators } from './pages/virtual-authenticator';

// The hosted pages end to end, in Chromium with a CDP virtual authenticator. Chromium's virtual
// environment answers passkey autofill (conditional mediation) at once when the authenticator
// holds a passkey for the site, and the sign-in page starts autofill on load. Tests of the other
// ways in hold the autofill's options request back (AutofillGate) or turn presence simulation
// off before the page loads, so that the autofill request stays pending the way it does for a
// real user who does not pick a suggestion (see pages/virtual-authenticator.ts).

const CANCELLED_SIGN_UP = /Creating the passkey was cancelled or timed out/;
const CANCELLED_SIGN_IN = /Sign-in was cancelled or timed out/;

test.describe('sign-up', () => {
  test('creates the account with its first passkey and signs in', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const signUp = new SignUpPage(page);
    const account = new AccountPage(page);
    const user = uniqueUser('alice');

    await signUp.goto();
    await expect(page).toHaveTitle(/^Create your account · /);
    await screenshot(page, 'register', { phone: true });

    // Client-side checks use the server's schemas; focus goes to the first problem.
    await signUp.username.fill('not valid!');
    await signUp.submitButton.click();
    await expect(signUp.username).toBeFocused();
    await expect(signUp.username).toHaveAttribute('aria-invalid', 'true');
    await expect(signUp.username).toHaveAccessibleDescription(/Use letters, digits and \. _ - @ \+ only\./);
    await expect(signUp.displayName).toHaveAccessibleDescription(/Enter your name\./);
    await screenshot(page, 'register-invalid', { phone: true });
    expect(await device.credentials()).toHaveLength(0);

    await signUp.fill(user);
    await expect(signUp.username).not.toHaveAttribute('aria-invalid', 'true');
    await signUp.submitButton.click();
    await account.expectLoaded(1);
    await expect(page.getByText(`Signed in as ${user.displayName}`)).toBeVisible();
    await expect(account.passkeys.first()).toContainText('Last used');
    await expect(account.passkeys.first()).toContainText(/Synced|This device only|Not backed up yet/);
    expect(await device.credentials()).toHaveLength(1);
    await screenshot(page, 'account', { phone: true });
  });

  test('reports a taken username on the field', async ({ page, browser }) => {
    const user = uniqueUser('taken');
    // Someone else (another browser with its own authenticator) has the name.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    const cdp = await other.newCDPSession(otherPage);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } });
    await new SignUpPage(otherPage).signUp(user);
    await other.close();

    const signUp = new SignUpPage(page);
    await signUp.goto();
    await signUp.fill({ username: user.username.toUpperCase(), displayName: 'Somebody else' });
    await signUp.submitButton.click();
    await expect(signUp.username).toBeFocused();
    await expect(signUp.username).toHaveAccessibleDescription(/This username is already taken/);
    await expect(page).toHaveURL(/\/register$/);
    await screenshot(page, 'register-username-taken');
  });

  test('a cancelled passkey prompt creates nothing', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const signUp = new SignUpPage(page);
    const user = uniqueUser('cancel');

    await device.setUserVerified(false); // the user dismisses the browser's prompt
    await signUp.goto();
    await signUp.fill(user);
    await signUp.submitButton.click();
    await expect(signUp.error).toContainText(CANCELLED_SIGN_UP);
    await expect(signUp.error).toBeFocused();
    await expect(page).toHaveURL(/\/register$/);
    // The form keeps what was typed; nothing was stored on the device.
    await expect(signUp.username).toHaveValue(user.username);
    expect(await device.credentials()).toHaveLength(0);
    await screenshot(page, 'register-cancelled', { phone: true });

    // No account was created: the same username is still free.
    await device.setUserVerified(true);
    await signUp.submitButton.click();
    await new AccountPage(page).expectLoaded(1);
  });
});

test.describe('sign-in', () => {
  /**
   * Signs a new user up, then signs out. The sign-in page's autofill is held back by `gate`
   * (closed) or, without a gate, left pending by turning presence simulation off first.
   */
  async function signedUpThenSignedOut(page: Page, device: VirtualAuthenticators, options: { gate?: AutofillGate } = {}) {
    const user = uniqueUser('bob');
    await new SignUpPage(page).signUp(user);
    await new AccountPage(page).expectLoaded(1);
    if (!options.gate) await device.setPresence(false);
    await new AccountPage(page).signOut();
    const signIn = new SignInPage(page);
    await signIn.expectLoaded();
    return { user, signIn };
  }

  test('sign out, then sign in with passkey autofill', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const { signIn } = await signedUpThenSignedOut(page, device);
    await expect(page).toHaveTitle(/^Sign in · /);
    await expect(signIn.username).toHaveAttribute('autocomplete', 'username webauthn');
    // Signed out for real: the account page sends us back here.
    await page.goto('/account');
    await signIn.expectLoaded();
    await screenshot(page, 'login', { phone: true });

    // Autofill (conditional mediation) starts on load with usernameless options.
    await device.setPresence(true);
    const optionsRequest = page.waitForRequest((r) => r.url().endsWith('/api/authentication/options'));
    await page.reload();
    expect((await optionsRequest).postDataJSON()).toEqual({});
    // No focus or pick needed: Chromium's virtual environment answers a conditional request as
    // soon as it is made when the authenticator holds a passkey for the site.
    const account = new AccountPage(page);
    await account.expectLoaded(1);
    await expect(account.passkeys.first()).not.toContainText('Never');
  });

  test('sign in with the "Sign in with a passkey" button', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const gate = await AutofillGate.install(page);
    const { user, signIn } = await signedUpThenSignedOut(page, device, { gate });
    gate.open();
    const optionsRequest = page.waitForRequest((r) => r.url().endsWith('/api/authentication/options'));
    await signIn.passkeyButton.click();
    expect((await optionsRequest).postDataJSON()).toEqual({});
    await new AccountPage(page).expectLoaded(1);
    await expect(page.getByText(`Signed in as ${user.displayName}`)).toBeVisible();
  });

  test('username-first: Continue asks for this account\'s passkeys', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const gate = await AutofillGate.install(page); // stays closed: no autofill in this test
    const { user, signIn } = await signedUpThenSignedOut(page, device, { gate });

    // An unknown username gets a decoy credential (no account enumeration): the browser has no
    // passkey for it, which is said on the field.
    await signIn.username.fill(`nobody-${user.username}`);
    await signIn.continueButton.click();
    await expect(signIn.username).toBeFocused();
    await expect(signIn.username).toHaveAccessibleDescription(/couldn't sign you in with a passkey for this username/);
    await screenshot(page, 'login-unknown-username', { phone: true });

    await signIn.username.fill(user.username);
    const optionsResponse = page.waitForResponse((r) => r.url().endsWith('/api/authentication/options') && r.request().postDataJSON()?.username === user.username);
    await signIn.username.press('Enter');
    const { options } = (await (await optionsResponse).json()) as { options: { allowCredentials?: unknown[] } };
    expect(options.allowCredentials).toHaveLength(1);
    await new AccountPage(page).expectLoaded(1);
  });

  test('a cancelled passkey prompt shows an error and keeps you signed out', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const gate = await AutofillGate.install(page);
    const { signIn } = await signedUpThenSignedOut(page, device, { gate });
    await device.setUserVerified(false); // the user dismisses the prompt
    gate.open();
    await signIn.passkeyButton.click();
    await expect(signIn.error).toContainText(CANCELLED_SIGN_IN);
    await expect(signIn.error).toBeFocused();
    await expect(page).toHaveURL(/\/login$/);
    await expect(signIn.passkeyButton).toBeEnabled();
    await screenshot(page, 'login-cancelled', { phone: true });

    gate.close();
    await page.goto('/account');
    await signIn.expectLoaded();

    await device.setUserVerified(true);
    gate.open();
    await signIn.passkeyButton.click();
    await new AccountPage(page).expectLoaded(1);
  });

  test('leaving the sign-in page cancels the pending autofill request', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const { signIn } = await signedUpThenSignedOut(page, device);
    // Client-side navigation: the autofill request must be aborted, or the browser would refuse
    // the next ceremony ("A request is already pending").
    await signIn.createAccountLink.click();
    const signUp = new SignUpPage(page);
    await expect(signUp.heading).toBeVisible();
    await device.setPresence(true);
    await signUp.fill(uniqueUser('carol'));
    await signUp.submitButton.click();
    await new AccountPage(page).expectLoaded(1);
  });
});

test.describe('account', () => {
  test('add a second passkey from another authenticator, rename it, delete it', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const account = new AccountPage(page);
    await new SignUpPage(page).signUp(uniqueUser('dave'));
    await account.expectLoaded(1);
    const firstName = (await account.passkeys.first().getByRole('heading', { level: 3 }).innerText()).trim();

    // excludeCredentials keeps the first authenticator out; a security key takes the new one.
    const securityKey = await device.add({ transport: 'usb' });
    await account.addButton.click();
    await expect(account.passkeys).toHaveCount(2);
    await expect(account.status).toContainText('added');
    expect(await device.credentials(securityKey)).toHaveLength(1);
    const newest = account.passkeys.first();
    await expect(newest.getByRole('heading', { level: 3 })).toBeFocused();
    await screenshot(page, 'account-two-passkeys', { phone: true });

    // Rename inline; Escape cancels, Enter saves.
    await newest.getByRole('button', { name: /^Rename/ }).click();
    const field = page.getByRole('textbox', { name: 'Passkey name' });
    await expect(field).toBeFocused();
    await field.fill('');
    await field.press('Enter');
    await expect(field).toHaveAccessibleDescription(/Enter a name of 1 to 64 characters/);
    await screenshot(page, 'account-rename', { phone: true });
    await field.press('Escape');
    await expect(field).toBeHidden();
    await expect(newest.getByRole('button', { name: /^Rename/ })).toBeFocused();
    await account.rename(newest, 'Work security key');
    await expect(account.status).toContainText('renamed to “Work security key”');
    await page.reload();
    await account.expectLoaded(2);
    await expect(account.passkey('Work security key')).toBeVisible();

    // Delete it: the normal warning (another passkey remains).
    await account.openDelete('Work security key');
    await expect(account.dialog.getByRole('heading', { name: 'Delete this passkey?' })).toBeVisible();
    await expect(account.dialog).not.toContainText('only passkey');
    await expect(account.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await screenshot(page, 'account-delete-dialog', { phone: true });
    await account.dialog.getByRole('button', { name: 'Delete passkey' }).click();
    await expect(account.dialog).toBeHidden();
    await expect(account.passkeys).toHaveCount(1);
    await expect(account.passkey(firstName)).toBeVisible();
    await expect(account.status).toContainText('“Work security key” deleted');
    await expect(page.getByRole('heading', { level: 2, name: 'Your passkeys' })).toBeFocused();
    await page.reload();
    await account.expectLoaded(1);
  });

  test('the same authenticator cannot be added twice', async ({ page, authenticator }) => {
    expect(authenticator.authenticatorId).toBeTruthy();
    const account = new AccountPage(page);
    await new SignUpPage(page).signUp(uniqueUser('erin'));
    await account.expectLoaded(1);
    await account.addButton.click();
    await expect(account.error).toContainText('This passkey is already registered');
    await expect(account.error).toBeFocused();
    await expect(account.passkeys).toHaveCount(1);
    await screenshot(page, 'account-add-already-registered');
  });

  test('a cancelled "add a passkey" changes nothing', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const account = new AccountPage(page);
    await new SignUpPage(page).signUp(uniqueUser('frank'));
    await account.expectLoaded(1);
    const key = await device.add({ transport: 'usb', isUserVerified: false });
    await account.addButton.click();
    await expect(account.error).toContainText(CANCELLED_SIGN_UP);
    await expect(account.passkeys).toHaveCount(1);
    expect(await device.credentials(key)).toHaveLength(0);
    await screenshot(page, 'account-add-cancelled', { phone: true });
    await page.reload();
    await account.expectLoaded(1);
  });

  test('deleting the last passkey warns first, tells the browser, and a device that still has it cannot sign in', async ({ page, authenticator }) => {
    const device = new VirtualAuthenticators(authenticator);
    const account = new AccountPage(page);
    await new SignUpPage(page).signUp(uniqueUser('gina'));
    await account.expectLoaded(1);
    const name = (await account.passkeys.first().getByRole('heading', { level: 3 }).innerText()).trim();

    await account.openDelete(name);
    await expect(account.dialog.getByRole('heading', { name: 'Delete your only passkey?' })).toBeVisible();
    await expect(account.dialog).toContainText("This is your only passkey. Once it is deleted you won't be able to sign in");
    await screenshot(page, 'account-delete-last-dialog', { phone: true });
    // Keyboard: Escape cancels and focus returns to the Delete button.
    await page.keyboard.press('Escape');
    await expect(account.dialog).toBeHidden();
    await expect(account.passkey(name).getByRole('button', { name: /^Delete/ })).toBeFocused();
    await expect(account.passkeys).toHaveCount(1);

    const [held] = await device.credentials();
    expect(held).toBeDefined();
    await page.keyboard.press('Enter');
    await expect(account.dialog).toBeVisible();
    await account.dialog.getByRole('button', { name: 'Delete my only passkey' }).click();
    await expect(account.passkeys).toHaveCount(0);
    await expect(page.getByRole('note')).toContainText('You have no passkeys');
    await screenshot(page, 'account-no-passkeys', { phone: true });
    // The page told the browser (WebAuthn Signal API), which dropped the passkey from the device.
    await expect.poll(async () => (await device.credentials()).length).toBe(0);

    // Another device that still holds the passkey: the site no longer knows it.
    await device.restore(held!);
    await device.setPresence(false);
    await account.signOut();
    await device.setPresence(true);
    await page.reload(); // autofill offers (and the virtual authenticator picks) the deleted passkey
    const signIn = new SignInPage(page);
    await expect(signIn.error).toContainText(/This device has no passkey for .*: the passkey you chose isn't registered here/);
    await expect(page).toHaveURL(/\/login$/);
    await screenshot(page, 'login-unknown-credential', { phone: true });
  });

  test('the account page needs a session; unknown communities are not found', async ({ page }) => {
    await page.goto('/account');
    await new SignInPage(page).expectLoaded();
    const res = await page.goto('/c/no-such-community/login');
    expect(res?.status()).toBe(404);
  });
});

test.describe('communities', () => {
  test('another community has its own URLs, branding and session', async ({ page, authenticator, baseURL }) => {
    const device = new VirtualAuthenticators(authenticator);
    const { id } = createBrandedCommunity({
      baseURL: baseURL!,
      name: `Acme ${Date.now().toString(36)}`,
      branding: { displayName: 'Acme Travel', primaryColor: '#0f766e', backgroundColor: '#f0fdfa', logoUrl: null },
    });
    const base = `/c/${id}`;
    const signUp = new SignUpPage(page, base);
    await signUp.goto();
    await expect(page).toHaveTitle('Create your account · Acme Travel');
    await expect(page.getByText('Acme Travel', { exact: true })).toBeVisible();
    await expect(signUp.submitButton).toHaveCSS('background-color', 'rgb(15, 118, 110)');
    await screenshot(page, 'branded-register', { phone: true });

    await signUp.signUp(uniqueUser('hana'));
    const account = new AccountPage(page, base);
    await account.expectLoaded(1);
    await screenshot(page, 'branded-account', { phone: true });

    // The session is the community's own: the default community's account page wants a sign-in.
    await device.setPresence(false);
    await page.goto('/account');
    await new SignInPage(page).expectLoaded();

    await account.goto();
    await account.signOut();
    const signIn = new SignInPage(page, base);
    await signIn.expectLoaded();
    await expect(signIn.createAccountLink).toHaveAttribute('href', `${base}/register`);
    await screenshot(page, 'branded-login', { phone: true });
  });
});
