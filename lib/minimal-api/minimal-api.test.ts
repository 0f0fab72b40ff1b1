import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { createApiKey } from '../apikeys/create-api-key';
import { revokeApiKey } from '../apikeys/revoke-api-key';
import type { TDb } from '../db';
import { openTestDb } from '../db/test-db';
import { startRegistration } from '../passkeys/start-registration';
import { createCommunity } from '../tenancy/create-community';
import { createTenant } from '../tenancy/create-tenant';
import { authenticateMinimalApiCall, type TMinimalApiCaller } from './authenticate-call';
import { requestAuthentication, respondAuthentication } from './authentication';
import { requestRegistration, respondRegistration } from './registration';

const LOGIN = 'https://login.acme.example';
const SHOP = 'https://shop.acme.example';
const decoyKey = Buffer.alloc(32, 7);

let db: TDb;
let close: () => Promise<void>;
let communityId: string;
let otherCommunityId: string;
let key: string;
let keyId: string;
let shopKey: string;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  const tenant = await createTenant({ db, input: { name: 'Acme' }, actor: 'test' });
  communityId = (await createCommunity({ db, input: { tenantId: tenant.id, name: 'Web', rpId: 'acme.example', origins: [LOGIN] }, actor: 'test' })).id;
  otherCommunityId = (await createCommunity({ db, input: { tenantId: tenant.id, name: 'Staff', rpId: 'acme.example', origins: [LOGIN] }, actor: 'test' })).id;
  ({ key, apiKey: { id: keyId } } = await createApiKey({ db, input: { communityId, allowedOrigins: [LOGIN, SHOP] }, actor: 'test' }));
  ({ key: shopKey } = await createApiKey({ db, input: { communityId, allowedOrigins: [SHOP] }, actor: 'test' }));
});
afterAll(() => close());

const caller = (origin = LOGIN, apiKey = key) => authenticateMinimalApiCall({ db, apiKey, origin });

describe('authenticateMinimalApiCall', () => {
  it('names the community and takes the rpId from the Origin host', async () => {
    expect(await caller(SHOP)).toMatchObject({ communityId, origin: SHOP, rpId: 'shop.acme.example', apiKey: { id: keyId } });
    expect((await caller(`${LOGIN}/`)).origin).toBe(LOGIN);
  });

  it.each([null, '', 'lkk_unknown'])('refuses key %j with auth.unauthenticated (before looking at the origin)', async (apiKey) => {
    await expect(authenticateMinimalApiCall({ db, apiKey, origin: null })).rejects.toMatchObject({ code: 'auth.unauthenticated', status: 401 });
  });

  it('refuses a revoked key with auth.unauthenticated', async () => {
    const made = await createApiKey({ db, input: { communityId, allowedOrigins: [LOGIN] }, actor: 'test' });
    await revokeApiKey({ db, input: { id: made.apiKey.id }, actor: 'test' });
    await expect(caller(LOGIN, made.key)).rejects.toMatchObject({ code: 'auth.unauthenticated' });
  });

  it.each([null, '', 'null', 'http://login.acme.example', 'https://evil.example', 'https://acme.example', 'garbage'])(
    'refuses Origin %j with auth.forbidden',
    async (origin) => {
      const before = await db.auditEvent.count({ where: { type: 'apikeys.origin_refused' } });
      await expect(authenticateMinimalApiCall({ db, apiKey: key, origin })).rejects.toMatchObject({ code: 'auth.forbidden', status: 403 });
      // A known key from a refused origin leaves an audit record.
      expect(await db.auditEvent.count({ where: { type: 'apikeys.origin_refused' } })).toBe(before + 1);
    },
  );

  it('refuses an origin the key allows but the community no longer covers', async () => {
    const tenant = await createTenant({ db, input: { name: 'Moving' }, actor: 'test' });
    const c = await createCommunity({ db, input: { tenantId: tenant.id, name: 'M', rpId: 'moving.example', origins: ['https://moving.example'] }, actor: 'test' });
    const made = await createApiKey({ db, input: { communityId: c.id, allowedOrigins: ['https://moving.example'] }, actor: 'test' });
    await db.community.update({ where: { id: c.id }, data: { rpId: 'elsewhere.example', origins: ['https://elsewhere.example'] } });
    await expect(caller('https://moving.example', made.key)).rejects.toMatchObject({ code: 'auth.forbidden' });
  });
});

describe('ceremonies', () => {
  let n = 0;
  async function register(c: TMinimalApiCaller, body: Record<string, unknown> = {}) {
    const auth = createSoftAuthenticator();
    const userName = `user${++n}@acme.example`;
    const started = await requestRegistration({ db, caller: c, body: { userName, ...body } });
    const credential = auth.register(started.publicKeyCredentialCreationOptions, { origin: c.origin });
    return { auth, userName, started, credential };
  }

  it('signs up and signs in with the rpId of the Origin', async () => {
    const c = await caller(SHOP);
    const { auth, userName, started, credential } = await register(c, { userDisplayName: 'Ann' });
    expect(started.session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.publicKeyCredentialCreationOptions).toMatchObject({ rp: { id: 'shop.acme.example' }, user: { name: userName, displayName: 'Ann' } });
    const registered = await respondRegistration({ db, caller: c, body: { session: started.session, publicKeyCredential: credential } });
    expect(registered).toEqual({ verified: true, userId: expect.any(String) });
    expect(await db.user.findUniqueOrThrow({ where: { id: registered.userId } })).toMatchObject({ communityId, username: userName, displayName: 'Ann' });

    const login = await requestAuthentication({ db, caller: c, body: {}, decoyKey });
    expect(login.publicKeyCredentialRequestOptions).toMatchObject({ rpId: 'shop.acme.example', allowCredentials: [] });
    const assertion = auth.authenticate(login.publicKeyCredentialRequestOptions, { origin: SHOP });
    expect(await respondAuthentication({ db, caller: c, body: { session: login.session, publicKeyCredential: assertion } })).toEqual({ verified: true, userId: registered.userId });
  });

  it('adds a passkey to an existing user only with its userId and userName', async () => {
    const c = await caller();
    const first = await register(c);
    const { userId } = await respondRegistration({ db, caller: c, body: { session: first.started.session, publicKeyCredential: first.credential } });
    await expect(requestRegistration({ db, caller: c, body: { userName: first.userName } })).rejects.toMatchObject({ code: 'passkeys.username_taken', status: 409 });
    await expect(requestRegistration({ db, caller: c, body: { userName: 'someone.else', userId } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { userId: expect.any(String) } });
    const started = await requestRegistration({ db, caller: c, body: { userName: first.userName.toUpperCase(), userId } });
    const credential = createSoftAuthenticator().register(started.publicKeyCredentialCreationOptions, { origin: LOGIN });
    expect(await respondRegistration({ db, caller: c, body: { session: started.session, publicKeyCredential: credential } })).toEqual({ verified: true, userId });
    expect(await db.passkey.count({ where: { userId } })).toBe(2);
  });

  it('ties the response call to its request call: session, key and origin must match; single use', async () => {
    const c = await caller(SHOP);
    const users = await db.user.count();
    const cases: Array<[TMinimalApiCaller, (s: string) => string]> = [
      [c, () => 'another-session'],
      [await caller(SHOP, shopKey), (s) => s],
      [await caller(LOGIN), (s) => s],
    ];
    for (const [other, session] of cases) {
      const { started, credential } = await register(c);
      await expect(respondRegistration({ db, caller: other, body: { session: session(started.session), publicKeyCredential: credential } })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
      // The challenge is consumed whatever the outcome: the rightful caller cannot reuse it either.
      await expect(respondRegistration({ db, caller: c, body: { session: started.session, publicKeyCredential: credential } })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    }
    expect(await db.user.count()).toBe(users);
  });

  it('refuses to finish a ceremony of another surface (a hosted sign-up) and vice versa', async () => {
    const c = await caller();
    const { options } = await startRegistration({ db, communityId, signUp: { username: 'hosted-user', displayName: 'H' } });
    const credential = createSoftAuthenticator().register(options, { origin: LOGIN });
    await expect(respondRegistration({ db, caller: c, body: { session: 'x', publicKeyCredential: credential } })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
  });

  it('verifies against the Origin of the call, not another origin of the community', async () => {
    const c = await caller(SHOP);
    const { started, auth } = await register(c);
    const credential = auth.register(started.publicKeyCredentialCreationOptions, { origin: LOGIN });
    await expect(respondRegistration({ db, caller: c, body: { session: started.session, publicKeyCredential: credential } })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
  });

  it('rejects malformed bodies with request.validation_failed', async () => {
    const c = await caller();
    for (const body of [null, [], {}, { userName: 5 }, { userName: 'ok', userId: '' }]) {
      await expect(requestRegistration({ db, caller: c, body })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
    }
    await expect(requestRegistration({ db, caller: c, body: { userName: 'not valid!' } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { userName: expect.any(String) } });
    await expect(requestRegistration({ db, caller: c, body: { userName: 'ok', userDisplayName: 'x'.repeat(65) } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { userDisplayName: expect.any(String) } });
    await expect(requestAuthentication({ db, caller: c, body: { userName: 5 }, decoyKey })).rejects.toMatchObject({ code: 'request.validation_failed' });
    for (const body of [{}, { session: 's' }, { session: '', publicKeyCredential: {} }, { session: 's', publicKeyCredential: 'x' }, { session: 's', publicKeyCredential: {} }]) {
      await expect(respondRegistration({ db, caller: c, body })).rejects.toMatchObject({ code: 'request.validation_failed' });
      await expect(respondAuthentication({ db, caller: c, body })).rejects.toMatchObject({ code: 'request.validation_failed' });
    }
  });

  it('keeps communities apart: a passkey of another community is unknown', async () => {
    const other = await createApiKey({ db, input: { communityId: otherCommunityId, allowedOrigins: [LOGIN] }, actor: 'test' });
    const c = await caller();
    const { auth, started, credential } = await register(c);
    await respondRegistration({ db, caller: c, body: { session: started.session, publicKeyCredential: credential } });
    const oc = await caller(LOGIN, other.key);
    const login = await requestAuthentication({ db, caller: oc, body: {}, decoyKey });
    const assertion = auth.authenticate(login.publicKeyCredentialRequestOptions, { origin: LOGIN, credentialId: credential.id });
    await expect(respondAuthentication({ db, caller: oc, body: { session: login.session, publicKeyCredential: assertion } })).rejects.toMatchObject({ code: 'passkeys.unknown_credential' });
  });
});
