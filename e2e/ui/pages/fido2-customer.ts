import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, type Page } from '@playwright/test';

/**
 * A customer's web page using the FIDO2 API 2.0 with @simplewebauthn/browser, the way the
 * vendor's web SDK does: it calls /fido2/v2 with `app.id`, converts the browser's WebAuthn JSON
 * into the API's shapes (`creationResult`, `assertionResult`, the tx/complete fields) and keeps
 * the jwtAccess for the Bearer calls. It is not part of the product: Playwright serves it (and
 * the library's UMD bundle) by intercepting requests to `${pageOrigin}/__fido2-shop`.
 */

const PAGE_PATH = '/__fido2-shop';
const LIBRARY = path.resolve('node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js');

export const PAYMENT = JSON.stringify({ merchant: 'Book shop', amount: '42.50', currency: 'EUR', items: ['A Study in Scarlet', 'The Sign of Four'] });

function shopPage(appId: string, apiOrigin: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Book shop · passkeys</title>
  <script src="${PAGE_PATH}/simplewebauthn-browser.js"></script>
  <style>
    body { font: 16px system-ui, sans-serif; max-width: 34rem; margin: 2rem auto; padding: 0 1rem; color: #1f2937; }
    label { display: block; margin-top: 1rem; font-weight: 600; }
    input, textarea { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; }
    button { margin: 1rem .5rem 0 0; padding: .5rem 1rem; font: inherit; }
    output { display: block; margin-top: 1.5rem; padding: .75rem; background: #f3f4f6; border-radius: .375rem; min-height: 1.5em; white-space: pre-wrap; }
  </style>
</head>
<body>
  <h1>Book shop</h1>
  <label for="user">User name</label><input id="user" autocomplete="username webauthn">
  <button id="register" type="button">Create account</button><button id="signin" type="button">Sign in</button><button id="passkeys" type="button">My passkeys</button>
  <label for="payload">Payment</label><textarea id="payload" rows="3">${PAYMENT.replace(/</g, '&lt;')}</textarea>
  <button id="pay" type="button">Pay with passkey</button><button id="pay-hosted" type="button">Pay on Latchkey’s page</button>
  <output id="result" role="status"></output>
  <script>
    const { startRegistration, startAuthentication } = SimpleWebAuthnBrowser;
    const API = ${JSON.stringify(apiOrigin)} + '/fido2/v2';
    const APP = { id: ${JSON.stringify(appId)} };
    const result = document.getElementById('result');
    let token = null;
    const deviceInfo = () => ({ clientType: 'browser', clientName: 'Chromium', screenWidth: screen.width, screenHeight: screen.height });
    async function api(path, body, method = 'POST') {
      const headers = body === undefined ? {} : { 'content-type': 'application/json' };
      if (token) headers.authorization = 'Bearer ' + token;
      const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const json = res.status === 204 ? {} : await res.json();
      if (!res.ok) throw new Error(res.status + ' ' + json.msgCode + ': ' + json.msg);
      return json;
    }
    const b64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
    async function run(action) {
      result.textContent = 'Working…';
      try { result.textContent = await action(); } catch (e) { result.textContent = 'Error: ' + e.message; }
    }
    const user = () => document.getElementById('user').value;
    const payment = () => ({ app: APP, username: user(), txType: 'payment', txPayload: document.getElementById('payload').value, nonce: crypto.randomUUID() });
    document.getElementById('register').onclick = () => run(async () => {
      token = null; // a new account: no one is signed in
      const init = await api('/reg/init', { app: APP, deviceInfo: deviceInfo(), user: { username: user(), displayName: user(), usernameType: 'other' } });
      const c = await startRegistration({ optionsJSON: init.registrationRequestOptions });
      const done = await api('/reg/complete', { session: init.session, creationResult: {
        attestationObject: c.response.attestationObject, clientDataJSON: c.response.clientDataJSON, credentialId: c.id,
        authenticatorData: c.response.authenticatorData, publicKeyAlgorithm: c.response.publicKeyAlgorithm, transports: c.response.transports } });
      token = done.jwtAccess;
      return 'Registered ' + done.userId;
    });
    document.getElementById('signin').onclick = () => run(async () => {
      const init = await api('/auth/init', { app: APP, deviceInfo: deviceInfo(), ...(user() ? { user: { username: user() } } : {}) });
      if (init.action !== 'proceed') return 'Action ' + init.action + ': ' + init.crossAuthMethods.join(', ');
      const a = await startAuthentication({ optionsJSON: init.assertionOptions });
      const done = await api('/auth/complete', { session: init.session, assertionResult: {
        authenticatorData: a.response.authenticatorData, clientDataJSON: a.response.clientDataJSON, credentialId: a.id,
        signature: a.response.signature, userHandle: a.response.userHandle } });
      token = done.jwtAccess;
      return 'Signed in ' + done.userId;
    });
    document.getElementById('passkeys').onclick = () => run(async () => {
      const list = await api('/passkeys', undefined, 'GET');
      return 'Passkeys: ' + list.map((p) => p.name).join(', ');
    });
    document.getElementById('pay').onclick = () => run(async () => {
      const body = payment();
      const init = await api('/tx/init', body);
      const a = await startAuthentication({ optionsJSON: init.assertionOptions });
      const done = await api('/tx/complete', { session: init.session, authenticatorData: a.response.authenticatorData,
        clientData: a.response.clientDataJSON, keyHandle: a.id, signature: a.response.signature });
      // What the shop's back end does with the token: recompute txHash from what it asked to sign.
      const claims = JSON.parse(atob(done.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body.txPayload + body.nonce + claims.lNonce));
      return 'Paid with passkey ' + done.credentialId + (b64url(digest) === claims.txHash ? ' (txHash verified)' : ' (txHash MISMATCH)');
    });
    document.getElementById('pay-hosted').onclick = () => run(async () => {
      const init = await api('/tx/init', payment());
      const popup = window.open(init.confirmationUrl, 'latchkey-confirmation', 'width=520,height=760');
      return new Promise((resolve) => {
        window.addEventListener('message', function listen(e) {
          if (e.source !== popup || e.origin !== ${JSON.stringify(apiOrigin)} || e.data?.type !== 'latchkey.transaction') return;
          window.removeEventListener('message', listen);
          resolve('Confirmed on Latchkey: ' + e.data.txId + ' with ' + e.data.credentialId);
        });
      });
    });
  </script>
</body>
</html>`;
}

export function dataDir(): string {
  const dir = process.env.LATCHKEY_E2E_DATA_DIR;
  if (!dir) throw new Error('LATCHKEY_E2E_DATA_DIR is not set (the UI global setup sets it)');
  return dir;
}

/** Runs `fn` on the test server's SQLite database. */
export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir(), 'latchkey.db'));
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}

/** Runs the operator CLI (`npx latchkey …`) against the test server's database; returns its JSON output. */
function latchkeyCli<T>(args: string[], publicUrl: string): T {
  const dbFile = path.join(dataDir(), 'latchkey.db');
  const cli = spawnSync(process.execPath, ['bin/latchkey.mjs', ...args, '--json'], {
    env: { ...process.env, LATCHKEY_DATA_DIR: dataDir(), DATABASE_URL: `file:${dbFile}`, LATCHKEY_PUBLIC_URL: publicUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (cli.status !== 0) throw new Error(`latchkey ${args.slice(0, 2).join(' ')} failed (${cli.status}):\n${cli.stdout}\n${cli.stderr}`);
  return JSON.parse(cli.stdout) as T;
}

/**
 * An application for pages on `origin`, made with the operator CLI: in the default community
 * (rpId `localhost`), or with `rpId` in a new community of the default tenant with that rpId.
 */
export function createApplicationWithCli(origin: string, publicUrl: string, name = 'Book shop', rpId?: string): { id: string; communityId: string } {
  let communityId = withDb((db) => (db.prepare('SELECT id FROM "Community" WHERE "isDefault" = 1').get() as { id: string }).id);
  if (rpId) {
    const tenantId = withDb((db) => (db.prepare('SELECT id FROM "Tenant" WHERE "isDefault" = 1').get() as { id: string }).id);
    communityId = latchkeyCli<{ id: string }>(['community', 'create', '--tenant', tenantId, '--name', `${name} ${Date.now().toString(36)}`, '--rp-id', rpId, '--origin', origin], publicUrl).id;
  }
  return latchkeyCli<{ id: string; communityId: string }>(['application', 'create', '--community', communityId, '--name', name, '--origin', origin], publicUrl);
}

/** The shop page at `${pageOrigin}/__fido2-shop`, calling the API at `apiOrigin` for application `appId`. */
export class ShopPage {
  constructor(
    readonly page: Page,
    readonly pageOrigin: string,
    readonly apiOrigin: string,
    readonly appId: string,
  ) {}

  get result() {
    return this.page.getByRole('status');
  }

  async open() {
    await this.page.route(`${this.pageOrigin}${PAGE_PATH}/simplewebauthn-browser.js`, (route) => route.fulfill({ path: LIBRARY, contentType: 'text/javascript' }));
    await this.page.route(`${this.pageOrigin}${PAGE_PATH}`, (route) => route.fulfill({ body: shopPage(this.appId, this.apiOrigin), contentType: 'text/html; charset=utf-8' }));
    await this.page.goto(`${this.pageOrigin}${PAGE_PATH}`);
    await expect(this.page).toHaveTitle('Book shop · passkeys');
  }

  /** Clicks an action and waits for its result line (the first call of a route loads its code on the server: allow for it). */
  async press(name: string, expected: string | RegExp) {
    await this.page.getByRole('button', { name, exact: true }).click();
    await expect(this.result).toHaveText(expected, { timeout: 20_000 });
    return (await this.result.textContent()) ?? '';
  }

  async register(username: string): Promise<string> {
    await this.page.getByLabel('User name').fill(username);
    return (await this.press('Create account', /^Registered \w+$/)).replace('Registered ', '');
  }
}
