import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SETUP_LINK_TTL_MS } from '../../lib/admin/create-setup-link';
import { createAdminTestKit, nextAuthError, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { consoleState, expectAdminError, expectRefusedUnchanged } from '../support/admin-expect';
import { expectOk, parseSetCookie } from '../support/hosted-client';
import { createSoftAuthenticator } from '../support/soft-authenticator';

/**
 * Console sign-in and sessions over real HTTP (next-auth at /api/auth, the console at
 * /admin/api): setup links, passkey sign-in, cookies, sign-out, and the attacks on them.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const EVIL_ORIGIN = 'https://evil.example';

let kit: TAdminTestKit;
let root: TSignedInAdmin;

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  root = await kit.signInAs('system');
});
afterAll(async () => kit?.close());

describe('setup link', () => {
  it('enrols the first passkey, creates the admin with the link’s grant and signs in with a safe cookie', async () => {
    const acme = await kit.seedTenant('Acme', ['Web']);
    const link = await kit.setupLink('community', { communityIds: [acme.communities.Web!] });
    const client = kit.anonymous();
    const { result } = await client.enroll(link, createSoftAuthenticator(), { username: 'New.Admin', displayName: 'New Admin' });
    expect(result.status).toBe(200);
    expect(nextAuthError(result)).toBeUndefined();
    expect(result.data.url).toBe('/admin');
    const cookie = result.setCookies.map(parseSetCookie).find((c) => c.name === 'lk_admin_session');
    expect(cookie?.attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/' });
    expect(cookie?.attributes).not.toHaveProperty('secure'); // http://localhost: Secure would drop it
    // An encrypted JWT (JWE compact: five parts) that names nothing readable.
    expect(cookie!.value.split('.')).toHaveLength(5);
    const session = expectOk(await client.session());
    expect(session.admin).toMatchObject({ username: 'new.admin', displayName: 'New Admin', role: 'community', tenantId: acme.id, communityIds: [acme.communities.Web] });
    expect(new Date(session.absoluteExpiresAt).getTime() - Date.now()).toBeGreaterThan(7.9 * 3600_000);
    expect(new Date(session.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('refuses a replayed link, at both steps, and creates nothing', async () => {
    const link = await kit.setupLink('system');
    const first = kit.anonymous();
    expect(nextAuthError((await first.enroll(link, createSoftAuthenticator(), { username: `replay-${Date.now()}`, displayName: 'First' })).result)).toBeUndefined();

    const token = new URL(link).searchParams.get('token')!;
    const attacker = kit.anonymous();
    await expectRefusedUnchanged(kit.db, () => attacker.setupOptions({ token, username: 'attacker', displayName: 'Attacker' }), 404, 'admin.setup_link_invalid');

    // A ceremony started on a fresh link, finished with the used one: refused, nothing created.
    const fresh = new URL(await kit.setupLink('system')).searchParams.get('token')!;
    const { options } = expectOk(await attacker.setupOptions({ token: fresh, username: 'attacker', displayName: 'Attacker' }));
    const response = createSoftAuthenticator().register(options, { origin: baseUrl });
    const before = await consoleState(kit.db);
    const res = await attacker.credentialsCallback('passkey-setup', { token, response: JSON.stringify(response) });
    expect(res.status).toBe(401);
    expect(nextAuthError(res)).toBe('admin.setup_link_invalid');
    expect(attacker.sessionCookie()).toBeUndefined();
    expect(await consoleState(kit.db)).toEqual(before);
  });

  it('refuses an expired link', async () => {
    const link = await kit.setupLink('system', {}, { now: new Date(Date.now() - SETUP_LINK_TTL_MS - 1000) });
    const token = new URL(link).searchParams.get('token')!;
    await expectRefusedUnchanged(kit.db, () => kit.anonymous().setupOptions({ token, username: 'late', displayName: 'Late' }), 404, 'admin.setup_link_invalid');
  });

  it('puts form problems on the fields', async () => {
    const token = new URL(await kit.setupLink('system')).searchParams.get('token')!;
    const res = await kit.anonymous().setupOptions({ token, username: 'no spaces', displayName: '' });
    expectAdminError(res, 400, 'request.validation_failed');
    expect(res.body).toMatchObject({ error: { fields: { username: 'Use letters, digits and . _ - @ + only.', displayName: 'Enter your name.' } } });
    expectAdminError(await kit.anonymous().setupOptions({ token, username: root.username, displayName: 'Copy' }), 409, 'passkeys.username_taken');
    expectAdminError(await kit.anonymous().setupOptions({ token, username: 'x', displayName: 'X', role: 'system' }), 400, 'request.validation_failed');
  });
});

describe('passkey sign-in', () => {
  it('signs in usernameless and username-first through next-auth', async () => {
    for (const input of [{}, { username: root.username }]) {
      const client = kit.anonymous();
      const { result } = await client.signIn(root.authenticator, input);
      expect(nextAuthError(result)).toBeUndefined();
      expect(expectOk(await client.session()).admin).toEqual(root.admin);
      // next-auth's own session endpoint agrees (and says until when).
      expect(expectOk(await client.request<{ expires: string }>('GET', '/api/auth/session'))).toEqual({ expires: expect.any(String) });
    }
  });

  it('refuses an unknown passkey, a tampered assertion and a replayed one, with no session', async () => {
    const stranger = kit.anonymous();
    const { options } = expectOk(await stranger.signInOptions());
    const other = createSoftAuthenticator();
    other.createCredential({ rpId: options.rpId!, userHandle: 'aGFuZGxl' });
    const res = await stranger.credentialsCallback('passkey', { response: JSON.stringify(other.authenticate(options, { origin: baseUrl })) });
    expect(res.status).toBe(401);
    expect(nextAuthError(res)).toBe('passkeys.unknown_credential');
    expect(stranger.sessionCookie()).toBeUndefined();

    const client = kit.anonymous();
    const { options: o2 } = expectOk(await client.signInOptions());
    const tampered = root.authenticator.authenticate(o2, { origin: baseUrl, tamperSignature: true });
    expect(nextAuthError(await client.credentialsCallback('passkey', { response: JSON.stringify(tampered) }))).toBe('passkeys.verification_failed');

    const ok = await client.signIn(root.authenticator);
    expect(nextAuthError(ok.result)).toBeUndefined();
    const again = kit.anonymous();
    expect(nextAuthError(await again.credentialsCallback('passkey', { response: JSON.stringify(ok.response) }))).toBe('passkeys.challenge_invalid');
    expect(again.sessionCookie()).toBeUndefined();
    expect(nextAuthError(await again.credentialsCallback('passkey', { response: 'not json' }))).toBe('request.malformed_json');
  });

  it('requires next-auth’s CSRF token', async () => {
    const client = kit.anonymous();
    const { options } = expectOk(await client.signInOptions());
    const res = await client.credentialsCallback('passkey', { response: JSON.stringify(root.authenticator.authenticate(options, { origin: baseUrl })) }, { csrf: null });
    expect(nextAuthError(res)).toBe('csrf');
    expect(client.sessionCookie()).toBeUndefined();
  });

  it('offers only the next-auth actions the console uses, answering the rest in the console format', async () => {
    const anon = kit.anonymous();
    expectAdminError(await anon.request('GET', '/api/auth/callback/passkey'), 405, 'request.method_not_allowed');
    for (const [method, path] of [['GET', '/api/auth/nope'], ['POST', '/api/auth/_log'], ['GET', '/api/auth/callback/github'], ['POST', '/api/auth/callback/credentials'], ['POST', '/api/auth/signin/passkey/extra']] as const) {
      expectAdminError(await anon.request(method, path, method === 'POST' ? { form: { csrfToken: 'x' } } : {}), 404, 'request.not_found');
    }
    // next-auth's own pages send people to the console's sign-in page.
    const signin = await anon.request('GET', '/api/auth/signin');
    expect(signin.status).toBe(302);
    expect(signin.headers.get('location')).toMatch(/^\/admin\/sign-in\?callbackUrl=/);
    expect(signin.headers.get('cache-control')).toBe('no-store');
    const providers = expectOk(await anon.request<Record<string, { id: string }>>('GET', '/api/auth/providers'));
    expect(Object.keys(providers)).toEqual(['passkey', 'passkey-setup']);
  });

  it('checks the options body', async () => {
    expectAdminError(await kit.anonymous().signInOptions({ username: 'x', extra: true }), 400, 'request.validation_failed');
    expectAdminError(await kit.anonymous().request('POST', 'session/options', { body: '{', headers: { 'content-type': 'application/json' } }), 400, 'request.malformed_json');
    expectAdminError(await kit.anonymous().request('POST', 'session/options', { body: 'username=x', headers: { 'content-type': 'text/plain' } }), 415, 'request.unsupported_media_type');
    expectAdminError(await kit.anonymous().request('POST', '/api/auth/callback/passkey', { body: '{', headers: { 'content-type': 'application/json' } }), 400, 'request.malformed_json');
    expectAdminError(await kit.anonymous().request('POST', '/api/auth/callback/passkey', { body: 'x'.repeat(300_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 413, 'request.body_too_large');
  });
});

describe('sign-out and ended sessions', () => {
  it('sign-out revokes the session: the old cookie is worthless', async () => {
    const client = kit.anonymous();
    await client.signIn(root.authenticator);
    const stolen = client.sessionCookie()!;
    const res = await client.signOut();
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ redirectTo: '/admin/sign-in' });
    expect(parseSetCookie(res.setCookies.find((c) => c.startsWith('lk_admin_session='))!)).toMatchObject({ value: '', attributes: { 'max-age': '0' } });
    expect(client.sessionCookie()).toBeUndefined();
    const replay = kit.anonymous();
    replay.jar.set(replay.sessionCookieName, stolen);
    expectAdminError(await replay.session(), 401, 'auth.unauthenticated');
    expectAdminError(await replay.signOut(), 401, 'auth.unauthenticated');
    expect(expectOk(await replay.request('GET', '/api/auth/session'))).toEqual({});
  });

  it('next-auth’s own sign-out endpoint revokes the session too', async () => {
    const client = kit.anonymous();
    await client.signIn(root.authenticator);
    const stolen = client.sessionCookie()!;
    const res = await client.request<{ url: string }>('POST', '/api/auth/signout', { form: { csrfToken: await client.csrfToken(), json: 'true' } });
    expect(res.status).toBe(200);
    const replay = kit.anonymous();
    replay.jar.set(replay.sessionCookieName, stolen);
    expectAdminError(await replay.session(), 401, 'auth.unauthenticated');
  });

  it('a removed administrator’s cookie stops working at once', async () => {
    const leaving = await kit.signInAs('system');
    expect((await leaving.client.session()).status).toBe(200);
    expect((await root.client.removeAdmin(leaving.admin.id)).status).toBe(204);
    expectAdminError(await leaving.client.session(), 401, 'auth.unauthenticated');
    expectAdminError(await leaving.client.listAdmins(), 401, 'auth.unauthenticated');
    const { options } = expectOk(await kit.anonymous().signInOptions());
    expect(nextAuthError(await kit.anonymous().credentialsCallback('passkey', { response: JSON.stringify(leaving.authenticator.authenticate(options, { origin: baseUrl })) }))).toBe('passkeys.unknown_credential');
  });

  it('a forged or foreign cookie is not a session', async () => {
    const forged = kit.anonymous();
    const good = root.client.sessionCookie()!;
    for (const value of ['x', good.slice(0, -4) + 'AAAA', good.split('.').reverse().join('.'), 'a'.repeat(5000)]) {
      forged.jar.set(forged.sessionCookieName, value);
      expectAdminError(await forged.session(), 401, 'auth.unauthenticated');
    }
  });
});

describe('cross-site requests', () => {
  it.each([EVIL_ORIGIN, 'null'])('a state-changing request with Origin %s is 403 and changes nothing', async (origin) => {
    const evil = kit.anonymous({ origin });
    evil.jar.set(evil.sessionCookieName, root.client.sessionCookie()!);
    const target = await kit.signInAs('system');
    const token = new URL(await kit.setupLink('system')).searchParams.get('token')!;
    const calls = [
      () => evil.signOut(),
      () => evil.invite({ role: 'system' }),
      () => evil.changeRole(target.admin.id, { role: 'tenant', tenantId: 'x' }),
      () => evil.removeAdmin(target.admin.id),
      () => evil.addPasskeyOptions(),
      () => evil.signInOptions({}),
      () => evil.setupOptions({ token, username: 'evil', displayName: 'Evil' }),
      () => evil.request('POST', '/api/auth/callback/passkey', { form: { response: '{}', csrfToken: 'x' } }),
      () => evil.request('POST', '/api/auth/signout', { form: { csrfToken: 'x' } }),
    ];
    for (const call of calls) await expectRefusedUnchanged(kit.db, call, 403, 'auth.forbidden');
    expect((await root.client.session()).status).toBe(200);
  });
});
