import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { screenshot } from './pages/screens';
import { VirtualAuthenticators } from './pages/virtual-authenticator';

// Spec 001 (/webauthn/registration/*, /webauthn/authentication/*) from a customer's page that uses
// @simplewebauthn/browser, in Chromium with a CDP virtual authenticator. The page is not part of
// the product: Playwright serves it (and the library's UMD bundle) by intercepting requests to
// `${baseURL}/__customer-test`, so it runs on the server's origin (rpId `localhost`) while its API
// calls go to the real server with a real Origin header.

const PAGE_PATH = '/__customer-test';
const LIBRARY = path.resolve('node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js');

/** A small customer page: an API key field, a user name, Register and Sign in, and a result line. */
function customerPage(apiKey: string, apiBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Customer app · passkeys</title>
  <script src="${PAGE_PATH}/simplewebauthn-browser.js"></script>
  <style>
    body { font: 16px system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1f2937; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; }
    button { margin: 1rem .5rem 0 0; padding: .5rem 1rem; font: inherit; }
    output { display: block; margin-top: 1.5rem; padding: .75rem; background: #f3f4f6; border-radius: .375rem; min-height: 1.5em; }
  </style>
</head>
<body>
  <h1>Shop login</h1>
  <p>Passkeys through the Latchkey minimal WebAuthn API (X-Api-Key).</p>
  <label for="key">API key</label><input id="key" value="${apiKey}">
  <label for="user">User name</label><input id="user" autocomplete="username webauthn">
  <button id="register" type="button">Register</button><button id="signin" type="button">Sign in</button>
  <output id="result" role="status"></output>
  <script>
    const { startRegistration, startAuthentication } = SimpleWebAuthnBrowser;
    const result = document.getElementById('result');
    async function api(path, body) {
      const res = await fetch(${JSON.stringify(apiBase)} + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': document.getElementById('key').value },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (!res.ok) throw new Error(res.status + ' ' + json.title + ': ' + json.detail + ' (' + json.code + ')');
      return json;
    }
    async function run(action) {
      result.textContent = 'Working…';
      try { result.textContent = await action(); } catch (e) { result.textContent = 'Error: ' + e.message; }
    }
    document.getElementById('register').onclick = () => run(async () => {
      const userName = document.getElementById('user').value;
      const { session, publicKeyCredentialCreationOptions } = await api('/webauthn/registration/request', { userName, userDisplayName: userName });
      const publicKeyCredential = await startRegistration({ optionsJSON: publicKeyCredentialCreationOptions });
      const { verified, userId } = await api('/webauthn/registration/response', { session, publicKeyCredential });
      return (verified ? 'Registered ' : 'Not registered ') + userId;
    });
    document.getElementById('signin').onclick = () => run(async () => {
      const { session, publicKeyCredentialRequestOptions } = await api('/webauthn/authentication/request', {});
      const publicKeyCredential = await startAuthentication({ optionsJSON: publicKeyCredentialRequestOptions });
      const { verified, userId } = await api('/webauthn/authentication/response', { session, publicKeyCredential });
      return (verified ? 'Signed in ' : 'Not signed in ') + userId;
    });
  </script>
</body>
</html>`;
}

function dataDir(): string {
  const dir = process.env.LATCHKEY_E2E_DATA_DIR;
  if (!dir) throw new Error('LATCHKEY_E2E_DATA_DIR is not set (the UI global setup sets it)');
  return dir;
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir(), 'latchkey.db'));
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}

/** An API key for the default community, allowing the test server's origin, made with the operator CLI. */
function createApiKeyWithCli(origin: string, publicUrl = origin): string {
  const communityId = withDb((db) => (db.prepare('SELECT id FROM "Community" WHERE "isDefault" = 1').get() as { id: string }).id);
  const dbFile = path.join(dataDir(), 'latchkey.db');
  const cli = spawnSync(process.execPath, ['bin/latchkey.mjs', 'apikey', 'create', '--community', communityId, '--origin', origin, '--label', 'customer page', '--json'], {
    env: { ...process.env, LATCHKEY_DATA_DIR: dataDir(), DATABASE_URL: `file:${dbFile}`, LATCHKEY_PUBLIC_URL: publicUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (cli.status !== 0) throw new Error(`latchkey apikey create failed (${cli.status}):\n${cli.stdout}\n${cli.stderr}`);
  return (JSON.parse(cli.stdout) as { key: string }).key;
}

/** Serves the customer page at `${pageOrigin}/__customer-test`; its API calls go to `apiOrigin` (the test server). */
async function openCustomerPage(page: Page, pageOrigin: string, apiOrigin: string, apiKey: string) {
  await page.route(`${pageOrigin}${PAGE_PATH}/simplewebauthn-browser.js`, (route) => route.fulfill({ path: LIBRARY, contentType: 'text/javascript' }));
  await page.route(`${pageOrigin}${PAGE_PATH}`, (route) => route.fulfill({ body: customerPage(apiKey, pageOrigin === apiOrigin ? '' : apiOrigin), contentType: 'text/html; charset=utf-8' }));
  await page.goto(`${pageOrigin}${PAGE_PATH}`);
  await expect(page).toHaveTitle('Customer app · passkeys');
}

test('a customer page registers and signs in with @simplewebauthn/browser', async ({ page, authenticator, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const apiKey = createApiKeyWithCli(origin);
  const device = new VirtualAuthenticators(authenticator);
  const userName = `shopper-${Date.now().toString(36)}@example.com`;
  const result = page.getByRole('status');

  await openCustomerPage(page, origin, origin, apiKey);
  await page.getByLabel('User name').fill(userName);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(result).toHaveText(/^Registered \w+$/);
  const userId = (await result.textContent())!.replace('Registered ', '');

  const credentials = await device.credentials();
  expect(credentials).toHaveLength(1);
  expect(credentials[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: true });
  const stored = withDb((db) => ({
    user: db.prepare('SELECT username, "displayName" FROM "User" WHERE id = ?').get(userId),
    passkeys: db.prepare('SELECT "credentialId" FROM "Passkey" WHERE "userId" = ?').all(userId) as Array<{ credentialId: string }>,
  }));
  expect(stored.user).toEqual({ username: userName, displayName: userName });
  expect(stored.passkeys).toHaveLength(1);
  expect(Buffer.from(stored.passkeys[0]!.credentialId, 'base64url').toString('base64')).toBe(credentials[0]!.credentialId);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(result).toHaveText(`Signed in ${userId}`);
  const lastUsed = withDb((db) => db.prepare('SELECT "lastUsedAt" FROM "Passkey" WHERE "userId" = ?').get(userId) as { lastUsedAt: unknown });
  expect(lastUsed.lastUsedAt).not.toBeNull();
  await screenshot(page, 'minimal-api');

  // A wrong key is refused with the problem document's 401; no ceremony reaches the authenticator.
  await page.getByLabel('API key').fill(`${apiKey}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(result).toHaveText('Error: 401 Unauthorized: Missing or invalid credentials. (auth.unauthenticated)');
  expect(await device.credentials()).toHaveLength(1);
});

test('a page on another origin (a subdomain of the rpId) uses the API cross-origin; its rpId is its own host', async ({ page, authenticator, baseURL }) => {
  const apiOrigin = new URL(baseURL!).origin;
  // *.localhost is a secure context in Chromium and within the default community's rpId `localhost`.
  const shopOrigin = apiOrigin.replace('//localhost', '//shop.localhost');
  const apiKey = createApiKeyWithCli(shopOrigin, apiOrigin);
  const device = new VirtualAuthenticators(authenticator);
  const userName = `cross-${Date.now().toString(36)}`;
  const result = page.getByRole('status');

  // The intercepted page has no address of its own, so Chromium's Local Network Access treats it as
  // public and asks before it may call the loopback test server: the user grants it.
  await page.context().grantPermissions(['local-network-access'], { origin: shopOrigin });
  await openCustomerPage(page, shopOrigin, apiOrigin, apiKey);
  await page.getByLabel('User name').fill(userName);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(result).toHaveText(/^Registered \w+$/);
  const userId = (await result.textContent())!.replace('Registered ', '');
  expect(await device.credentials()).toEqual([expect.objectContaining({ rpId: 'shop.localhost' })]);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(result).toHaveText(`Signed in ${userId}`);
  await screenshot(page, 'minimal-api-cross-origin');
});
