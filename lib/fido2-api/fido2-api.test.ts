import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { toAssertionResult, toCreationResult } from '../../e2e/support/fido2-client';
import { createApplication } from '../applications/create-application';
import type { TApplicationDto } from '../applications/application';
import type { TDb } from '../db';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import { createCommunity } from '../tenancy/create-community';
import { createTenant } from '../tenancy/create-tenant';
import { getJwtAccessJwks, issueJwtAccess, verifyJwtAccess } from '../tokens/jwt-access';
import { authenticateFido2User, type TFido2UserCaller } from './authenticate';
import { authComplete, authInit } from './auth';
import { deleteFido2Passkey, getFido2AaguidMetadata, listFido2Passkeys, renameFido2Passkey } from './passkeys';
import { regComplete, regInit } from './registration';
import { fido2Version } from './version';

const SERVICE = 'https://id.example.com';
const LOGIN = 'https://login.acme.example';
const SHOP = 'https://shop.acme.example';
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const kek = Buffer.alloc(32, 5);
const decoyKey = Buffer.alloc(32, 6);
const DEVICE = { clientName: 'Chrome', clientType: 'browser', clientVersion: '140.0', osName: 'macOS', osVersion: '15.1', screenWidth: 1440, screenHeight: 900 } as const;

describe.each(TEST_PROVIDERS)('FIDO2 API 2.0 flows on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  let otherCommunityId: string;
  let shop: TApplicationDto; // origins [SHOP]
  let open: TApplicationDto; // no origins: the community's
  let closed: TApplicationDto; // no sign-up
  let foreign: TApplicationDto; // another community

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const tenant = await createTenant({ db, input: { name: 'Acme' }, actor: 'test' });
    const make = (name: string) => createCommunity({ db, input: { tenantId: tenant.id, name, rpId: 'acme.example', origins: [LOGIN] }, actor: 'test' });
    communityId = (await make('Customers')).id;
    otherCommunityId = (await make('Partners')).id;
    shop = await createApplication({ db, input: { communityId, name: 'Shop', origins: [SHOP] }, actor: 'test' });
    open = await createApplication({ db, input: { communityId, name: 'Portal' }, actor: 'test' });
    closed = await createApplication({ db, input: { communityId, name: 'Back office', allowSignUp: false }, actor: 'test' });
    foreign = await createApplication({ db, input: { communityId: otherCommunityId, name: 'Partner shop', origins: [SHOP] }, actor: 'test' });
  });
  afterAll(async () => close());

  let n = 0;
  const uniqueName = () => `user${++n}@acme.example`;

  async function signUp(app: TApplicationDto = shop, origin = SHOP, over: { auth?: TSoftAuthenticator; username?: string; deviceInfo?: Record<string, unknown> } = {}) {
    const auth = over.auth ?? createSoftAuthenticator({ aaguid: ICLOUD });
    const username = over.username ?? uniqueName();
    const init = await regInit({ db, body: { app: { id: app.id }, deviceInfo: over.deviceInfo ?? DEVICE, user: { username, displayName: 'Ada Lovelace', usernameType: 'email' } }, browserOrigin: origin });
    const credential = auth.register(init.registrationRequestOptions, { origin });
    const done = await regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(credential), session: init.session }, browserOrigin: origin });
    return { auth, username, init, credential, done };
  }

  async function signIn(auth: TSoftAuthenticator, app: TApplicationDto = shop, origin = SHOP, body: Record<string, unknown> = {}) {
    const init = await authInit({ db, body: { app: { id: app.id }, deviceInfo: DEVICE, ...body }, browserOrigin: origin, decoyKey });
    const assertion = auth.authenticate(init.assertionOptions, { origin });
    return { init, assertion };
  }

  const callerOf = (token: string): Promise<TFido2UserCaller> => authenticateFido2User({ db, authorization: `Bearer ${token}`, origin: SERVICE, scopes: [] });

  async function state() {
    const [users, passkeys, devices] = await Promise.all([
      db.user.findMany({ where: { communityId }, select: { id: true, username: true }, orderBy: { id: 'asc' } }),
      db.passkey.findMany({ where: { communityId }, select: { id: true, name: true, signCount: true, lastUsedAt: true, deviceId: true }, orderBy: { id: 'asc' } }),
      db.device.findMany({ where: { communityId }, select: { id: true, lastSeenAt: true }, orderBy: { id: 'asc' } }),
    ]);
    return { users, passkeys, devices };
  }

  async function expectRefusedUnchanged(act: () => Promise<unknown>, code: string, status?: number) {
    const before = await state();
    await expect(act()).rejects.toMatchObject({ code, ...(status ? { status } : {}) });
    expect(await state()).toEqual(before);
  }

  describe('reg/init + reg/complete', () => {
    it('signs a new user up: the user exists only after reg/complete, which returns a jwtAccess', async () => {
      const auth = createSoftAuthenticator({ aaguid: ICLOUD });
      const username = uniqueName();
      const init = await regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username, usernameType: 'email' } }, browserOrigin: SHOP });
      expect(Object.keys(init).sort()).toEqual(['action', 'registrationRequestOptions', 'session']);
      expect(init.action).toBe('proceed');
      expect(init.session).toMatch(new RegExp(`^${shop.id}\\.[\\w-]{43}$`));
      expect(init.registrationRequestOptions).toMatchObject({ rp: { id: 'acme.example' }, user: { name: username, displayName: username }, authenticatorSelection: { residentKey: 'required' } });
      expect(await db.user.count({ where: { communityId, username } })).toBe(0);
      const credential = auth.register(init.registrationRequestOptions, { origin: SHOP });
      const done = await regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(credential, 'base64'), session: init.session, passkeyName: 'My Mac' }, browserOrigin: SHOP });
      expect(Object.keys(done).sort()).toEqual(['deviceId', 'jwtAccess', 'passkeyId', 'userId']);
      const user = await db.user.findUniqueOrThrow({ where: { id: done.userId }, include: { passkeys: true, devices: true } });
      expect(user).toMatchObject({ communityId, username });
      expect(user.passkeys).toEqual([expect.objectContaining({ id: done.passkeyId, credentialId: credential.id, name: 'My Mac', deviceId: done.deviceId })]);
      expect(user.devices).toEqual([expect.objectContaining({ id: done.deviceId, info: DEVICE })]);
      const claims = await verifyJwtAccess({ db, token: done.jwtAccess, origin: SERVICE, appId: shop.id });
      expect(claims).toMatchObject({ sub: done.userId, username, credId: credential.id, appId: shop.id, communityId });
      expect(claims.scopes).toEqual(expect.arrayContaining(['passkey:read', 'passkey:write', 'reg:write', 'auth:write']));
    });

    it('asks for a security key and prepares conditional create as passkeyOptions say', async () => {
      const init = await regInit({ db, body: { app: { id: shop.id }, deviceInfo: {}, user: { username: uniqueName() }, passkeyOptions: { securityKey: true, conditionalCreate: true } }, browserOrigin: SHOP });
      expect(init.registrationRequestOptions.authenticatorSelection).toMatchObject({ authenticatorAttachment: 'cross-platform' });
      expect(init.registrationRequestOptions.hints).toEqual(['security-key']);
      // Conditional create: the browser may create the passkey without user presence.
      const credential = createSoftAuthenticator().register(init.registrationRequestOptions, { origin: SHOP, flags: { up: false } });
      await expect(regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(credential), session: init.session }, browserOrigin: SHOP })).resolves.toMatchObject({ userId: expect.any(String) });
    });

    it('adds a passkey for the token’s user; refuses another application’s token and another user’s name', async () => {
      const first = await signUp();
      const caller = await callerOf(first.done.jwtAccess);
      const init = await regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE }, browserOrigin: SHOP, caller });
      expect(init.registrationRequestOptions.excludeCredentials?.map((c) => c.id)).toEqual([first.credential.id]);
      const second = createSoftAuthenticator().register(init.registrationRequestOptions, { origin: SHOP });
      const done = await regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(second), session: init.session }, browserOrigin: SHOP });
      expect(done.userId).toBe(first.done.userId);
      expect(await db.passkey.count({ where: { userId: first.done.userId } })).toBe(2);
      // The name in the body, if any, must be the token's user.
      await expect(regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: first.username.toUpperCase() } }, browserOrigin: SHOP, caller })).resolves.toMatchObject({ action: 'proceed' });
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: 'someone.else' } }, browserOrigin: SHOP, caller }), 'auth.forbidden', 403);
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: open.id }, deviceInfo: DEVICE }, browserOrigin: LOGIN, caller }), 'auth.unauthenticated', 401);
    });

    it('needs a token for a taken username or where sign-up is off (401 fido2.sign_in_required)', async () => {
      const first = await signUp();
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: first.username } }, browserOrigin: SHOP }), 'fido2.sign_in_required', 401);
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: closed.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, browserOrigin: LOGIN }), 'fido2.sign_in_required', 401);
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE }, browserOrigin: SHOP }), 'request.validation_failed', 400);
    });

    it('uses the community’s origins for an application that lists none', async () => {
      const { done } = await signUp(open, LOGIN);
      expect(done.userId).toEqual(expect.any(String));
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: open.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, browserOrigin: SHOP }), 'fido2.origin_not_allowed', 403);
    });

    it('refuses a session of another init, a replay, another origin and a credential of another community’s ceremony', async () => {
      const a = await regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, browserOrigin: SHOP });
      const b = await regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, browserOrigin: SHOP });
      const credential = createSoftAuthenticator().register(a.registrationRequestOptions, { origin: SHOP });
      await expectRefusedUnchanged(() => regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(credential), session: b.session }, browserOrigin: SHOP }), 'passkeys.challenge_invalid');
      // Consumed by the refused attempt: the rightful session cannot use it either.
      await expectRefusedUnchanged(() => regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(credential), session: a.session }, browserOrigin: SHOP }), 'passkeys.challenge_invalid');
      const c = await regInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, browserOrigin: SHOP });
      const elsewhere = createSoftAuthenticator().register(c.registrationRequestOptions, { origin: LOGIN });
      await expectRefusedUnchanged(() => regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(elsewhere), session: c.session }, browserOrigin: null }), 'passkeys.verification_failed');
      const d = await regInit({ db, body: { app: { id: foreign.id }, deviceInfo: DEVICE, user: { username: uniqueName() } }, browserOrigin: SHOP });
      const theirs = createSoftAuthenticator().register(d.registrationRequestOptions, { origin: SHOP });
      // A session naming our application for a ceremony of the other community's application.
      await expectRefusedUnchanged(() => regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(theirs), session: `${shop.id}.${d.session.split('.')[1]}` }, browserOrigin: SHOP }), 'passkeys.challenge_invalid');
    });

    it('refuses malformed bodies with request.validation_failed, and unknown or disabled applications with 404', async () => {
      for (const body of [null, [], {}, { app: { id: shop.id } }, { app: {}, deviceInfo: {} }, { app: { id: shop.id }, deviceInfo: { screenWidth: 'wide' } }, { app: { id: shop.id }, deviceInfo: {}, user: { username: 'not valid!' } }]) {
        await expectRefusedUnchanged(() => regInit({ db, body, browserOrigin: SHOP }), 'request.validation_failed', 400);
      }
      for (const body of [{}, { session: 'short' }, { session: 'x'.repeat(20), creationResult: {} }, { session: `${shop.id}.${'a'.repeat(43)}`, creationResult: { attestationObject: 'not base64!', clientDataJSON: 'AA', credentialId: 'AA' } }]) {
        await expectRefusedUnchanged(() => regComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP }), 'request.validation_failed', 400);
      }
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: 'no-such-app' }, deviceInfo: {}, user: { username: uniqueName() } }, browserOrigin: SHOP }), 'applications.not_found', 404);
      const gone = await createApplication({ db, input: { communityId, name: 'Gone' }, actor: 'test' });
      await db.application.update({ where: { id: gone.id }, data: { status: 'disabled' } });
      await expectRefusedUnchanged(() => regInit({ db, body: { app: { id: gone.id }, deviceInfo: {}, user: { username: uniqueName() } }, browserOrigin: LOGIN }), 'applications.not_found', 404);
    });
  });

  describe('auth/init + auth/complete', () => {
    it('signs in usernameless with base64 fields and records the device, reusing it when the client sends its id back', async () => {
      const { auth, done: registered } = await signUp();
      const { init, assertion } = await signIn(auth);
      expect(init).toEqual({ action: 'proceed', assertionOptions: expect.objectContaining({ rpId: 'acme.example', allowCredentials: [] }), crossAuthMethods: [], fallbackMethods: [], session: expect.stringMatching(/^[\w-]+\.[\w-]{43}$/) });
      const done = await authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(assertion, 'base64'), session: init.session }, browserOrigin: SHOP });
      expect(done).toEqual({ deviceId: expect.any(String), jwtAccess: expect.any(String), passkeyId: registered.passkeyId, userId: registered.userId });
      expect(done.deviceId).not.toBe(registered.deviceId);
      expect(await verifyJwtAccess({ db, token: done.jwtAccess, origin: SERVICE })).toMatchObject({ sub: registered.userId, credId: auth.credentials[0]!.id });
      // Next time the SDK sends the device id back: the same device, updated.
      const again = await signIn(auth, shop, SHOP, { deviceInfo: { ...DEVICE, deviceId: done.deviceId, clientVersion: '141.0' } });
      const second = await authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(again.assertion), session: again.init.session }, browserOrigin: SHOP });
      expect(second.deviceId).toBe(done.deviceId);
      expect((await db.device.findUniqueOrThrow({ where: { id: done.deviceId } })).info).toMatchObject({ clientVersion: '141.0' });
      expect((await db.passkey.findUniqueOrThrow({ where: { id: registered.passkeyId } })).deviceId).toBe(done.deviceId);
    });

    it('answers proceed for a named user with passkeys, and the same shape with a decoy for unknown, disabled or passkey-less names', async () => {
      const { auth, username, done } = await signUp();
      const known = await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username, usernameType: 'email' } }, browserOrigin: SHOP, decoyKey });
      expect(known).toMatchObject({ action: 'proceed', crossAuthMethods: [], fallbackMethods: [] });
      expect(known.assertionOptions.allowCredentials?.map((c) => c.id)).toEqual([auth.credentials[0]!.id]);
      const noPasskeys = await signUp();
      await db.passkey.deleteMany({ where: { userId: noPasskeys.done.userId } });
      const disabled = await signUp();
      await db.user.update({ where: { id: disabled.done.userId }, data: { status: 'disabled', emailVerified: true, email: 'x@acme.example' } });
      await db.passkey.deleteMany({ where: { userId: disabled.done.userId } });
      for (const name of ['nobody@acme.example', noPasskeys.username, disabled.username]) {
        const answer = await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: name } }, browserOrigin: SHOP, decoyKey });
        expect(answer).toMatchObject({ action: 'proceed', crossAuthMethods: [], fallbackMethods: [] });
        expect(answer.assertionOptions.allowCredentials).toEqual([{ id: expect.stringMatching(/^[\w-]{43}$/), type: 'public-key', transports: ['internal', 'hybrid'] }]);
        expect(Object.keys(answer).sort()).toEqual(Object.keys(known).sort());
      }
      // The named ceremony accepts only that user's passkey.
      const other = await signUp();
      const init = await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username } }, browserOrigin: SHOP, decoyKey });
      const wrong = other.auth.authenticate({ ...init.assertionOptions, allowCredentials: [] }, { origin: SHOP });
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(wrong), session: init.session }, browserOrigin: SHOP }), 'passkeys.verification_failed');
      expect(done.userId).toEqual(expect.any(String));
    });

    it('answers crossAuth for a user without a usable passkey but a verified channel', async () => {
      const a = await signUp();
      await db.passkey.deleteMany({ where: { userId: a.done.userId } });
      await db.user.update({ where: { id: a.done.userId }, data: { email: a.username, emailVerified: true, phone: '+14161234567', phoneVerified: true, messagingConsent: true } });
      const answer = await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: a.username } }, browserOrigin: SHOP, decoyKey });
      expect(answer).toMatchObject({ action: 'crossAuth', crossAuthMethods: ['otp', 'otp:email', 'otp:sms'], fallbackMethods: [] });
      // No SMS without messaging consent; an unverified email is no channel.
      await db.user.update({ where: { id: a.done.userId }, data: { messagingConsent: false } });
      expect((await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: a.username } }, browserOrigin: SHOP, decoyKey })).crossAuthMethods).toEqual(['otp', 'otp:email']);
      await db.user.update({ where: { id: a.done.userId }, data: { emailVerified: false } });
      expect((await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: a.username } }, browserOrigin: SHOP, decoyKey })).action).toBe('proceed');
      // Passkeys the AAGUID policy refuses for authentication are not usable here.
      const b = await signUp();
      await db.user.update({ where: { id: b.done.userId }, data: { email: b.username, emailVerified: true } });
      await db.community.update({ where: { id: communityId }, data: { aaguidPolicy: { authentication: { mode: 'deny', aaguids: [ICLOUD] } } } });
      try {
        expect(await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE, user: { username: b.username } }, browserOrigin: SHOP, decoyKey })).toMatchObject({ action: 'crossAuth', crossAuthMethods: ['otp', 'otp:email'] });
      } finally {
        await db.community.update({ where: { id: communityId }, data: { aaguidPolicy: {} } });
      }
    });

    it('refuses a replayed auth/complete, a session of another init and an assertion for another origin', async () => {
      const { auth } = await signUp();
      const first = await signIn(auth);
      const body = { assertionResult: toAssertionResult(first.assertion), session: first.init.session };
      await authComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP });
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP }), 'passkeys.challenge_invalid');
      const a = await signIn(auth);
      const b = await signIn(auth);
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(a.assertion), session: b.init.session }, browserOrigin: SHOP }), 'passkeys.challenge_invalid');
      const c = await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE }, browserOrigin: SHOP, decoyKey });
      const evil = auth.authenticate(c.assertionOptions, { origin: 'https://evil.example' });
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(evil), session: c.session }, browserOrigin: null }), 'passkeys.verification_failed');
      // The shop application's ceremonies accept its own origin only, not the community's login page.
      const d = await authInit({ db, body: { app: { id: shop.id }, deviceInfo: DEVICE }, browserOrigin: null, decoyKey });
      const login = auth.authenticate(d.assertionOptions, { origin: LOGIN });
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(login), session: d.session }, browserOrigin: null }), 'passkeys.verification_failed');
    });

    it('keeps communities apart: another community’s passkey is unknown', async () => {
      const { auth } = await signUp(foreign);
      const { init, assertion } = await signIn(auth, shop);
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { assertionResult: toAssertionResult(assertion), session: init.session }, browserOrigin: SHOP }), 'passkeys.unknown_credential', 401);
    });

    it('refuses origins the application does not allow, bad input and unknown applications', async () => {
      for (const origin of ['https://evil.example', 'null', LOGIN, `${SHOP}.evil.example`, 'http://shop.acme.example']) {
        await expectRefusedUnchanged(() => authInit({ db, body: { app: { id: shop.id }, deviceInfo: {} }, browserOrigin: origin, decoyKey }), 'fido2.origin_not_allowed', 403);
      }
      for (const body of [null, {}, { app: { id: shop.id } }, { app: { id: 5 }, deviceInfo: {} }, { app: { id: shop.id }, deviceInfo: {}, user: { username: 'bad name!' } }, { app: { id: shop.id }, deviceInfo: {}, user: {} }]) {
        await expectRefusedUnchanged(() => authInit({ db, body, browserOrigin: SHOP, decoyKey }), 'request.validation_failed', 400);
      }
      await expectRefusedUnchanged(() => authInit({ db, body: { app: { id: 'nope' }, deviceInfo: {} }, browserOrigin: SHOP, decoyKey }), 'applications.not_found', 404);
      const assertionResult = { authenticatorData: 'AA', clientDataJSON: 'e30', credentialId: 'AA', signature: 'AA' };
      for (const body of [{}, { session: 'x'.repeat(16), assertionResult }, { session: `${shop.id}.${'a'.repeat(43)}`, assertionResult: { ...assertionResult, signature: '$$' } }]) {
        await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP }), 'request.validation_failed', 400);
      }
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { session: `nope.${'a'.repeat(43)}`, assertionResult }, browserOrigin: SHOP }), 'applications.not_found', 404);
      await expectRefusedUnchanged(() => authComplete({ db, kek, origin: SERVICE, body: { session: `${shop.id}.${'a'.repeat(43)}`, assertionResult }, browserOrigin: SHOP }), 'passkeys.verification_failed', 400);
    });
  });

  describe('passkeys (Bearer)', () => {
    it('lists the token user’s passkeys in the 002 shape, renames and deletes only theirs', async () => {
      const a = await signUp();
      const b = await signUp();
      const me = await callerOf(a.done.jwtAccess);
      const list = await listFido2Passkeys({ db, caller: me });
      expect(list).toEqual([
        {
          id: a.done.passkeyId,
          name: 'iCloud Keychain',
          aaguid: ICLOUD,
          providerName: 'iCloud Keychain',
          createdAt: expect.any(String),
          credentialId: a.credential.id,
          credentialSynced: false,
          lastUsedAt: expect.any(String),
          lastUsedFromDevice: { ...DEVICE, deviceId: a.done.deviceId, lastUsedAt: expect.any(String) },
        },
      ]);
      await renameFido2Passkey({ db, caller: me, passkeyId: a.done.passkeyId, body: { name: ' Work Mac ' } });
      expect((await listFido2Passkeys({ db, caller: me }))[0]!.name).toBe('Work Mac');
      await expectRefusedUnchanged(() => renameFido2Passkey({ db, caller: me, passkeyId: a.done.passkeyId, body: { name: '' } }), 'request.validation_failed', 400);
      await expectRefusedUnchanged(() => renameFido2Passkey({ db, caller: me, passkeyId: b.done.passkeyId, body: { name: 'mine now' } }), 'passkeys.not_found', 404);
      await expectRefusedUnchanged(() => deleteFido2Passkey({ db, caller: me, passkeyId: b.done.passkeyId }), 'passkeys.not_found', 404);
      // A token of another community's application cannot reach this community's passkeys.
      const outsider = await signUp(foreign);
      const them = await callerOf(outsider.done.jwtAccess);
      await expectRefusedUnchanged(() => deleteFido2Passkey({ db, caller: them, passkeyId: a.done.passkeyId }), 'passkeys.not_found', 404);
      expect(await listFido2Passkeys({ db, caller: them })).toHaveLength(1);
      await deleteFido2Passkey({ db, caller: me, passkeyId: a.done.passkeyId });
      expect(await listFido2Passkeys({ db, caller: me })).toEqual([]);
    });

    it('describes an authenticator model by AAGUID from the community’s metadata or the bundled set', async () => {
      const a = await signUp();
      const me = await callerOf(a.done.jwtAccess);
      expect(await getFido2AaguidMetadata({ db, caller: me, aaguid: ICLOUD.toUpperCase() })).toEqual({ id: ICLOUD, name: 'iCloud Keychain', iconLight: '', iconDark: '' });
      const custom = '11111111-2222-3333-4444-555555555555';
      await db.vendorMetadata.create({ data: { communityId, aaguid: custom, name: 'Acme Key', iconLight: 'data:image/png;base64,AA', iconDark: 'data:image/png;base64,AB' } });
      expect(await getFido2AaguidMetadata({ db, caller: me, aaguid: custom })).toEqual({ id: custom, name: 'Acme Key', iconLight: 'data:image/png;base64,AA', iconDark: 'data:image/png;base64,AB' });
      // Another community's record is not ours.
      const outsider = await callerOf((await signUp(foreign)).done.jwtAccess);
      await expect(getFido2AaguidMetadata({ db, caller: outsider, aaguid: custom })).rejects.toMatchObject({ code: 'metadata.not_found', status: 404 });
      await expect(getFido2AaguidMetadata({ db, caller: me, aaguid: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ code: 'metadata.not_found' });
      await expect(getFido2AaguidMetadata({ db, caller: me, aaguid: 'not-a-uuid' })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
    });
  });

  describe('.well-known/jwks.json', () => {
    it('publishes the keys of every community with an active application, and they verify its tokens', async () => {
      const a = await signUp();
      const b = await signUp(foreign);
      const jwks = await getJwtAccessJwks({ db });
      const kids = jwks.keys.map((k) => k.kid);
      expect(new Set(kids).size).toBe(kids.length);
      expect(jwks.keys.every((k) => k.kty === 'EC' && k.crv === 'P-256' && k.alg === 'ES256' && k.use === 'sig' && k.key_ops.join() === 'verify' && !('d' in k))).toBe(true);
      const set = createLocalJWKSet(jwks);
      for (const token of [a.done.jwtAccess, b.done.jwtAccess]) {
        await expect(jwtVerify(token, set, { algorithms: ['ES256'] })).resolves.toBeTruthy();
      }
      // A community without an active application is not published.
      const lone = await createCommunity({ db, input: { tenantId: (await db.community.findUniqueOrThrow({ where: { id: communityId } })).tenantId, name: 'Lone', rpId: 'acme.example', origins: [LOGIN] }, actor: 'test' });
      const app = await createApplication({ db, input: { communityId: lone.id, name: 'Lone app' }, actor: 'test' });
      await issueJwtAccess({ db, kek, origin: SERVICE, app, user: { id: 'u', username: 'u' }, scopes: [] });
      await db.application.update({ where: { id: app.id }, data: { status: 'disabled' } });
      const loneKids = (await db.signingKey.findMany({ where: { communityId: lone.id } })).map((k) => k.kid);
      expect(loneKids).toHaveLength(1);
      expect((await getJwtAccessJwks({ db })).keys.map((k) => k.kid)).not.toContain(loneKids[0]);
    });
  });
});

describe('fido2Version', () => {
  it.each([
    ['v1.2.3.abc123def456.1764000000', { hash: 'abc123def456', version: 'v1.2.3' }],
    ['abc123def456.1764000000', { hash: 'abc123def456', version: 'abc123def456.1764000000' }],
    ['dev', { version: 'dev' }],
  ])('%s → %j', (build, expected) => {
    expect(fido2Version(build)).toEqual(expected);
  });
});
