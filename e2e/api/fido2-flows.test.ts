import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TApplicationDto } from '../../lib/applications/application';
import { loadKeyEncryptionKey } from '../../lib/crypto/kek';
import { createDb, type TDb } from '../../lib/db';
import type { TErrorCode } from '../../lib/errors';
import { issueJwtAccess } from '../../lib/tokens/jwt-access';
import { createFido2Client, toAssertionResult, toCreationResult, type TAnswer } from '../support/fido2-client';
import { communityState, DEVICE, expectFido2Error, fido2World, registerUser, uniqueName } from '../support/fido2-fixtures';
import { createSoftAuthenticator } from '../support/soft-authenticator';

/**
 * FIDO2 API 2.0 sign-up, sign-in and passkey registration (`/fido2/v2/reg/*`, `/fido2/v2/auth/*`)
 * over real HTTP against the production build, with the software authenticator. Every refusal is
 * checked for its status, its `{msg, msgCode}` body and an unchanged database.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const dataDir = inject('dataDir');
const client = createFido2Client({ baseUrl, origin: baseUrl });
const server = createFido2Client({ baseUrl, origin: null });

let db: TDb;
let kek: Buffer;
let world: Awaited<ReturnType<typeof fido2World>>;
let app: TApplicationDto;

beforeAll(async () => {
  db = createDb(databaseUrl);
  kek = loadKeyEncryptionKey({ kekFromEnv: undefined, dataDir });
  world = await fido2World(db, baseUrl);
  app = world.app;
});
afterAll(async () => {
  await db?.$disconnect();
});

/** Runs a refused call and checks that nothing changed (a refused complete call may consume its ceremony). */
async function refused(act: () => Promise<TAnswer<unknown>>, status: number, code: TErrorCode, options: { consumes?: boolean } = {}) {
  const state = async () => {
    const s = await communityState(db, world.communityId);
    return options.consumes ? { ...s, ceremonies: undefined } : s;
  };
  const before = await state();
  const res = await act();
  expectFido2Error(res, status, code);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(await state()).toEqual(before);
  return res;
}

async function signIn(auth: ReturnType<typeof createSoftAuthenticator>, body: Record<string, unknown> = {}, origin = baseUrl) {
  const init = await client.authInit({ app: { id: app.id }, deviceInfo: DEVICE, ...body });
  expect(init.status, JSON.stringify(init.body)).toBe(200);
  return { init: init.body, assertion: auth.authenticate(init.body.assertionOptions, { origin }) };
}

describe('sign-up, sign-in and the jwtAccess', () => {
  it('signs up, signs in by name and usernameless, and issues tokens the JWKS verifies', async () => {
    const auth = createSoftAuthenticator();
    const username = uniqueName();
    const init = await client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username, usernameType: 'email' } });
    expect(init.status).toBe(200);
    expect(init.headers.get('access-control-allow-origin')).toBe('*');
    expect(Object.keys(init.body).sort()).toEqual(['action', 'registrationRequestOptions', 'session']);
    expect(init.body.registrationRequestOptions).toMatchObject({ rp: { id: 'localhost' }, user: { name: username }, authenticatorSelection: { residentKey: 'required' } });
    expect(await db.user.count({ where: { username } })).toBe(0);
    const credential = auth.register(init.body.registrationRequestOptions, { origin: baseUrl });
    const done = await client.regComplete({ creationResult: toCreationResult(credential), session: init.body.session });
    expect(done.status).toBe(200);
    expect(Object.keys(done.body).sort()).toEqual(['deviceId', 'jwtAccess', 'passkeyId', 'userId']);

    const named = await client.authInit({ app: { id: app.id }, deviceInfo: { ...DEVICE, deviceId: done.body.deviceId }, user: { username, usernameType: 'email' } });
    expect(named.body).toMatchObject({ action: 'proceed', crossAuthMethods: [], fallbackMethods: [] });
    expect(named.body.assertionOptions.allowCredentials?.map((c) => c.id)).toEqual([credential.id]);
    const signedIn = await client.authComplete({ assertionResult: toAssertionResult(auth.authenticate(named.body.assertionOptions, { origin: baseUrl })), session: named.body.session });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ deviceId: done.body.deviceId, jwtAccess: expect.any(String), passkeyId: done.body.passkeyId, userId: done.body.userId });

    const usernameless = await signIn(auth);
    expect(usernameless.init.assertionOptions.allowCredentials).toEqual([]);
    const again = await client.authComplete({ assertionResult: toAssertionResult(usernameless.assertion, 'base64'), session: usernameless.init.session });
    expect(again.status).toBe(200);

    const jwks = await client.jwks();
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get('access-control-allow-origin')).toBe('*');
    for (const token of [done.body.jwtAccess, signedIn.body.jwtAccess, again.body.jwtAccess]) {
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body as never), { algorithms: ['ES256'], issuer: `${baseUrl}/c/${world.communityId}`, audience: app.id });
      expect(payload).toMatchObject({ sub: done.body.userId, username, credID: credential.id, tokenType: 'jwtAccess', verify: '/fido2/v2/mgmt/token/verify' });
      expect(payload.scopes).toEqual(expect.arrayContaining(['passkey:read', 'passkey:write', 'reg:write', 'auth:write']));
      expect(payload.exp! - payload.iat!).toBe(app.tokenTtlSeconds);
      expect(jwks.body.keys.map((k) => k.kid)).toContain(decodeProtectedHeader(token).kid);
    }
  });

  it('adds a passkey with a reg:write token of the same application only', async () => {
    const first = await registerUser(client, app, baseUrl);
    const init = await client.regInit({ app: { id: app.id }, deviceInfo: DEVICE }, { token: first.jwtAccess });
    expect(init.status).toBe(200);
    expect(init.body.registrationRequestOptions.excludeCredentials?.map((c) => c.id)).toEqual([first.credential.id]);
    const credential = createSoftAuthenticator().register(init.body.registrationRequestOptions, { origin: baseUrl });
    const done = await client.regComplete({ creationResult: toCreationResult(credential, 'base64'), session: init.body.session, passkeyName: 'Backup key' });
    expect(done.body).toMatchObject({ userId: first.userId });
    expect(await db.passkey.findUniqueOrThrow({ where: { id: done.body.passkeyId } })).toMatchObject({ name: 'Backup key', userId: first.userId });

    const body = { app: { id: app.id }, deviceInfo: DEVICE };
    const user = { id: first.userId, username: first.username };
    const readOnly = await issueJwtAccess({ db, kek, origin: baseUrl, app, user, scopes: ['passkey:read'] });
    await refused(() => client.regInit(body, { token: readOnly }), 403, 'tokens.insufficient_scope');
    const expired = await issueJwtAccess({ db, kek, origin: baseUrl, app, user, scopes: ['reg:write'], now: new Date(Date.now() - (app.tokenTtlSeconds + 5) * 1000) });
    await refused(() => client.regInit(body, { token: expired }), 401, 'auth.unauthenticated');
    const otherApp = await issueJwtAccess({ db, kek, origin: baseUrl, app: world.closed, user, scopes: ['reg:write'] });
    await refused(() => client.regInit(body, { token: otherApp }), 401, 'auth.unauthenticated');
    await refused(() => client.regInit(body, { token: `${first.jwtAccess}x` }), 401, 'auth.unauthenticated');
    await refused(() => client.regInit({ ...body, user: { username: uniqueName(), usernameType: 'email' } }, { token: first.jwtAccess }), 403, 'auth.forbidden');
  });

  it('refuses sign-up for a taken username and where the application allows none (401 fido2.sign_in_required)', async () => {
    const first = await registerUser(client, app, baseUrl);
    await refused(() => client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: first.username } }), 401, 'fido2.sign_in_required');
    await refused(() => client.regInit({ app: { id: world.closed.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }), 401, 'fido2.sign_in_required');
  });

  it('answers crossAuth for a user who has no passkey but a verified email, and a decoy for unknown names', async () => {
    const a = await registerUser(client, app, baseUrl);
    await db.passkey.deleteMany({ where: { userId: a.userId } });
    await db.user.update({ where: { id: a.userId }, data: { email: a.username, emailVerified: true } });
    const cross = await client.authInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: a.username } });
    expect(cross.body).toMatchObject({ action: 'crossAuth', crossAuthMethods: ['otp', 'otp:email'], fallbackMethods: [], session: expect.any(String) });
    const unknown = await client.authInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: uniqueName('nobody') } });
    expect(unknown.body).toMatchObject({ action: 'proceed', crossAuthMethods: [], fallbackMethods: [] });
    expect(unknown.body.assertionOptions.allowCredentials).toHaveLength(1);
  });
});

describe('refusals (nothing changed)', () => {
  it('refuses a replayed auth/complete and a session of another init', async () => {
    const { auth } = await registerUser(client, app, baseUrl);
    const first = await signIn(auth);
    const body = { assertionResult: toAssertionResult(first.assertion), session: first.init.session };
    expect((await client.authComplete(body)).status).toBe(200);
    await refused(() => client.authComplete(body), 400, 'passkeys.challenge_invalid');
    const a = await signIn(auth);
    const b = await signIn(auth);
    await refused(() => client.authComplete({ assertionResult: toAssertionResult(a.assertion), session: b.init.session }), 400, 'passkeys.challenge_invalid', { consumes: true });
    // The ceremony went with the refused attempt: the rightful session can't use it either.
    await refused(() => client.authComplete({ assertionResult: toAssertionResult(a.assertion), session: a.init.session }), 400, 'passkeys.challenge_invalid');
    const reg = await client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: uniqueName() } });
    const credential = createSoftAuthenticator().register(reg.body.registrationRequestOptions, { origin: baseUrl });
    expect((await client.regComplete({ creationResult: toCreationResult(credential), session: reg.body.session })).status).toBe(200);
    await refused(() => client.regComplete({ creationResult: toCreationResult(credential), session: reg.body.session }), 400, 'passkeys.challenge_invalid');
  });

  it('refuses an assertion or credential made for another origin, also from a server without Origin', async () => {
    const { auth } = await registerUser(client, app, baseUrl);
    const evil = await signIn(auth, {}, 'https://evil.example');
    await refused(() => server.authComplete({ assertionResult: toAssertionResult(evil.assertion), session: evil.init.session }), 400, 'passkeys.verification_failed', { consumes: true });
    const loopback = baseUrl.replace('localhost', '127.0.0.1');
    const reg = await client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: uniqueName() } });
    const credential = createSoftAuthenticator().register(reg.body.registrationRequestOptions, { origin: loopback });
    await refused(() => server.regComplete({ creationResult: toCreationResult(credential), session: reg.body.session }), 400, 'passkeys.verification_failed', { consumes: true });
  });

  it('refuses browser calls from origins the application does not allow (403)', async () => {
    const { auth } = await registerUser(client, app, baseUrl);
    const pending = await signIn(auth);
    for (const origin of ['https://evil.example', baseUrl.replace('localhost', '127.0.0.1'), 'null']) {
      await refused(() => client.authInit({ app: { id: app.id }, deviceInfo: DEVICE }, { origin }), 403, 'fido2.origin_not_allowed');
      await refused(() => client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, { origin }), 403, 'fido2.origin_not_allowed');
      await refused(() => client.authComplete({ assertionResult: toAssertionResult(pending.assertion), session: pending.init.session }, { origin }), 403, 'fido2.origin_not_allowed');
    }
    expect((await client.authComplete({ assertionResult: toAssertionResult(pending.assertion), session: pending.init.session })).status).toBe(200);
  });

  it('keeps communities apart: another community’s passkey is unknown here', async () => {
    const outsider = await registerUser(client, world.foreign, baseUrl);
    const attempt = await signIn(outsider.auth);
    await refused(() => client.authComplete({ assertionResult: toAssertionResult(attempt.assertion), session: attempt.init.session }), 401, 'passkeys.unknown_credential', { consumes: true });
  });

  it('answers bad input with 4xx, never 500: malformed JSON, wrong type, oversized, bad shapes, unknown application', async () => {
    const paths = ['/auth/init', '/auth/complete', '/reg/init', '/reg/complete'];
    for (const path of paths) {
      await refused(() => client.call('POST', path, undefined, { raw: '{"app": ' }), 400, 'request.malformed_json');
      await refused(() => client.call('POST', path, undefined, { raw: '{}', contentType: 'text/plain' }), 415, 'request.unsupported_media_type');
      await refused(() => client.call('POST', path, { padding: 'x'.repeat(300 * 1024) }), 413, 'request.body_too_large');
      for (const body of [null, [], 'text', 42, { app: 'x' }, { session: 5 }]) await refused(() => client.call('POST', path, body), 400, 'request.validation_failed');
    }
    const assertionResult = { authenticatorData: 'AA', clientDataJSON: 'e30', credentialId: 'AA', signature: 'AA' };
    await refused(() => client.authComplete({ assertionResult: { ...assertionResult, signature: 'not base64!' }, session: `${app.id}.${'a'.repeat(43)}` }), 400, 'request.validation_failed');
    await refused(() => client.authComplete({ assertionResult, session: `${app.id}.${'a'.repeat(43)}` }), 400, 'passkeys.verification_failed');
    await refused(() => client.authInit({ app: { id: 'no-such-application' }, deviceInfo: DEVICE }), 404, 'applications.not_found');
    await refused(() => client.authInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username: 'no spaces allowed' } }), 400, 'request.validation_failed');
  });
});

describe('CORS (the web SDK calls from customers’ pages)', () => {
  it.each(['/auth/init', '/auth/complete', '/reg/init', '/reg/complete', '/tx/init', '/tx/complete', '/passkeys', '/passkeys/x', '/passkeys/aaguid/x'])('%s answers the preflight with Authorization allowed and no credentials', async (path) => {
    const res = await fetch(`${baseUrl}/fido2/v2${path}`, { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(res.status).toBe(204);
    expect(Object.fromEntries([...res.headers].filter(([k]) => k.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, PUT, DELETE',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-expose-headers': 'content-type',
      'access-control-max-age': '600',
    });
  });
});
