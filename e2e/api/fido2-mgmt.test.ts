import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey } from '../../lib/apikeys/create-api-key';
import { revokeApiKey } from '../../lib/apikeys/revoke-api-key';
import { createDb, type TDb } from '../../lib/db';
import { issueJwtAccess } from '../../lib/tokens/jwt-access';
import { createHostedClient } from '../support/hosted-client';
import { createSoftAuthenticator } from '../support/soft-authenticator';
import { toAssertionResult, toCreationResult } from '../support/fido2-client';
import {
  applicationWithKey,
  createFido2Caller,
  expectFido2Error,
  expectNoContent,
  otherCommunity,
  serverKek,
  uniqueUsername,
  userWithPasskey,
} from '../support/fido2-fixtures';

/**
 * The FIDO2 API 2.0 management endpoints (`/fido2/v2/mgmt/...`) over real HTTP against the
 * production build: `Authorization: Basic base64("<key>:")` of an application, everything scoped
 * to that application's community. Every refusal is checked for its status, its `{msg, msgCode}`
 * body and an unchanged database.
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const databaseUrl = inject('databaseUrl');
const call = createFido2Caller(baseUrl);
const YUBIKEY = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';

let db: TDb;
let kek: Buffer;
let communityId: string;
let foreignCommunityId: string;
let mine: Awaited<ReturnType<typeof applicationWithKey>>;
let sibling: Awaited<ReturnType<typeof applicationWithKey>>;
let foreign: Awaited<ReturnType<typeof applicationWithKey>>;

beforeAll(async () => {
  db = createDb(databaseUrl);
  kek = serverKek(dataDir);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true } });
  communityId = main.id;
  foreignCommunityId = await otherCommunity(db, kek, main.tenantId, baseUrl);
  mine = await applicationWithKey(db, communityId);
  sibling = await applicationWithKey(db, communityId);
  foreign = await applicationWithKey(db, foreignCommunityId);
});
afterAll(async () => {
  await db.community.update({ where: { id: communityId }, data: { aaguidPolicy: {} } });
  await db?.$disconnect();
});

const as = (key: string) => ({ basic: key });

/** What a refused management call must leave untouched. */
async function state(cid: string) {
  const [users, passkeys, devices, community] = await Promise.all([
    db.user.findMany({ where: { communityId: cid }, select: { id: true, email: true, phone: true, status: true }, orderBy: { id: 'asc' } }),
    db.passkey.findMany({ where: { communityId: cid }, select: { id: true, name: true, signCount: true }, orderBy: { id: 'asc' } }),
    db.device.findMany({ where: { communityId: cid }, select: { id: true }, orderBy: { id: 'asc' } }),
    db.community.findUniqueOrThrow({ where: { id: cid }, select: { aaguidPolicy: true } }),
  ]);
  return { users, passkeys, devices, community };
}

describe('management authentication', () => {
  it('refuses no key, a wrong, revoked or spec 001 key, and a Bearer token with 401, changing nothing', async () => {
    const { passkey, user } = await userWithPasskey(db, communityId, baseUrl);
    const revoked = await applicationWithKey(db, communityId);
    await revokeApiKey({ db, input: { id: revoked.apiKeyId }, actor: 'test' });
    const spec001 = await createApiKey({ db, input: { communityId, allowedOrigins: [baseUrl] }, actor: 'test' });
    const token = await issueJwtAccess({ db, kek, origin: baseUrl, app: mine.app, user, scopes: ['passkey:write', 'profile:write'] });
    const auths = [undefined, { basic: 'lkk_wrong' }, { basic: revoked.key }, { basic: spec001.key }, { bearer: token }, { raw: 'Basic' }, { raw: `Basic ${mine.key}` }];
    const before = await state(communityId);
    for (const auth of auths) {
      expectFido2Error(await call('DELETE', `mgmt/passkeys/${passkey.id}`, { auth }), 401, 'auth.unauthenticated');
      expectFido2Error(await call('DELETE', `mgmt/users/${user.id}`, { auth }), 401, 'auth.unauthenticated');
      expectFido2Error(await call('PUT', 'mgmt/aaguid-blacklist', { auth, json: { items: [{ aaguid: YUBIKEY, reg: true, auth: true }] } }), 401, 'auth.unauthenticated');
      expectFido2Error(await call('POST', 'mgmt/grant', { auth, json: { grants: ['passkey:write'], username: user.username } }), 401, 'auth.unauthenticated');
    }
    expect(await state(communityId)).toEqual(before);
  });
});

describe('mgmt/grant and mgmt/token/verify', () => {
  it('grants exactly the requested scopes, and verifies the token for its own application only', async () => {
    const { user } = await userWithPasskey(db, communityId, baseUrl);
    const res = await call('POST', 'mgmt/grant', { auth: as(mine.key), json: { grants: ['passkey:read', 'reg:write'], username: user.username } });
    expect(res.status).toBe(200);
    const token = res.body!.token as string;
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ aud: mine.app.id, sub: user.id, username: user.username, scopes: ['passkey:read', 'reg:write'], tokenType: 'jwtAccess', verify: '/fido2/v2/mgmt/token/verify' });
    expectNoContent(await call('POST', 'mgmt/token/verify', { auth: as(mine.key), json: { jwtAccess: token } }));
    expectFido2Error(await call('POST', 'mgmt/token/verify', { auth: as(sibling.key), json: { jwtAccess: token } }), 401, 'tokens.invalid');
    expectFido2Error(await call('POST', 'mgmt/token/verify', { auth: as(foreign.key), json: { jwtAccess: token } }), 401, 'tokens.invalid');
    const expired = await issueJwtAccess({ db, kek, origin: baseUrl, app: mine.app, user, scopes: ['passkey:read'], now: new Date(Date.now() - 7200_000) });
    expectFido2Error(await call('POST', 'mgmt/token/verify', { auth: as(mine.key), json: { jwtAccess: expired } }), 401, 'tokens.invalid');
    expectFido2Error(await call('POST', 'mgmt/token/verify', { auth: as(mine.key), json: {} }), 400, 'request.validation_failed');
  });

  it('refuses unknown grants, unknown users and users of another community', async () => {
    const outsider = await userWithPasskey(db, foreignCommunityId, baseUrl);
    expectFido2Error(await call('POST', 'mgmt/grant', { auth: as(mine.key), json: { grants: ['admin'], username: 'x' } }), 400, 'request.validation_failed');
    expectFido2Error(await call('POST', 'mgmt/grant', { auth: as(mine.key), json: { grants: ['passkey:read'], username: uniqueUsername() } }), 404, 'users.not_found');
    expectFido2Error(await call('POST', 'mgmt/grant', { auth: as(mine.key), json: { grants: ['passkey:read'], username: outsider.username } }), 404, 'users.not_found');
    expectFido2Error(await call('POST', 'mgmt/grant', { auth: as(mine.key), json: 'x' }), 400, 'request.validation_failed');
  });
});

describe('mgmt/aaguid and the AAGUID blacklist', () => {
  it('answers AAGUID metadata', async () => {
    const res = await call('GET', `mgmt/aaguid/${ICLOUD}`, { auth: as(mine.key) });
    expect(res).toMatchObject({ status: 200, body: { id: ICLOUD, name: 'iCloud Keychain', iconLight: expect.any(String), iconDark: expect.any(String) } });
    expectFido2Error(await call('GET', 'mgmt/aaguid/99999999-9999-9999-9999-999999999999', { auth: as(mine.key) }), 404, 'metadata.not_found');
    expectFido2Error(await call('GET', 'mgmt/aaguid/not-a-uuid', { auth: as(mine.key) }), 400, 'request.validation_failed');
  });

  it('adds, lists, removes and clears entries of the caller’s community only, and the server enforces them', async () => {
    const hosted = createHostedClient({ baseUrl, communityId });
    const existing = createSoftAuthenticator({ aaguid: ICLOUD, backupEligible: true, backupState: true });
    expect((await hosted.register(existing, { username: uniqueUsername(), displayName: 'E' })).result.status).toBe(200);

    expectNoContent(await call('PUT', 'mgmt/aaguid-blacklist', { auth: as(mine.key), json: { items: [{ aaguid: YUBIKEY, reg: true, auth: false }, { aaguid: ICLOUD, reg: false, auth: true }] } }));
    const list = await call('GET', 'mgmt/aaguid-blacklist', { auth: as(mine.key) });
    expect(list).toMatchObject({ status: 200, body: [expect.objectContaining({ aaguid: YUBIKEY, reg: true, auth: false }), expect.objectContaining({ aaguid: ICLOUD, reg: false, auth: true })] });
    expect((await call('GET', 'mgmt/aaguid-blacklist', { auth: as(foreign.key) })).body).toEqual([]);

    // reg-blocked model: refused at registration over HTTP, nothing created.
    const users = await db.user.count({ where: { communityId } });
    const blocked = await createHostedClient({ baseUrl, communityId }).register(createSoftAuthenticator({ aaguid: YUBIKEY }), { username: uniqueUsername(), displayName: 'Y' });
    expect(blocked.result.status).toBe(403);
    expect((blocked.result.body as { error: { code: string } }).error.code).toBe('passkeys.authenticator_not_allowed');
    expect(await db.user.count({ where: { communityId } })).toBe(users);
    // auth-blocked model: its passkey cannot sign in; a reg-only block does not stop sign-in.
    const refused = await createHostedClient({ baseUrl, communityId }).signIn(existing);
    expect(refused.result.status).toBe(403);

    expectNoContent(await call('POST', 'mgmt/aaguid-blacklist/remove', { auth: as(mine.key), json: { aaguids: [ICLOUD] } }));
    expect((await createHostedClient({ baseUrl, communityId }).signIn(existing)).result.status).toBe(200);
    expectFido2Error(await call('PUT', 'mgmt/aaguid-blacklist', { auth: as(mine.key), json: { items: [{ aaguid: 'x', reg: true, auth: true }] } }), 400, 'request.validation_failed');
    expectNoContent(await call('DELETE', 'mgmt/aaguid-blacklist', { auth: as(mine.key) }));
    expect((await call('GET', 'mgmt/aaguid-blacklist', { auth: as(mine.key) })).body).toEqual([]);
  });
});

describe('mgmt devices, passkeys and users', () => {
  it('shows and deletes a device of the community; another community’s device is 404 and stays', async () => {
    const { user } = await userWithPasskey(db, communityId, baseUrl);
    const device = await db.device.create({ data: { communityId, userId: user.id, info: { clientName: 'Chrome', clientType: 'browser', osName: 'Linux' } } });
    const res = await call('GET', `mgmt/devices/${device.id}`, { auth: as(mine.key) });
    expect(res).toMatchObject({ status: 200, body: { deviceInfo: { deviceId: device.id, clientName: 'Chrome', osName: 'Linux' }, users: [{ id: user.id, username: user.username }] } });
    const outsider = await userWithPasskey(db, foreignCommunityId, baseUrl);
    const foreignDevice = await db.device.create({ data: { communityId: foreignCommunityId, userId: outsider.user.id } });
    const before = await state(foreignCommunityId);
    expectFido2Error(await call('GET', `mgmt/devices/${foreignDevice.id}`, { auth: as(mine.key) }), 404, 'devices.not_found');
    expectFido2Error(await call('DELETE', `mgmt/devices/${foreignDevice.id}`, { auth: as(mine.key) }), 404, 'devices.not_found');
    expectFido2Error(await call('DELETE', `mgmt/users/${outsider.user.id}/devices`, { auth: as(mine.key) }), 404, 'users.not_found');
    expect(await state(foreignCommunityId)).toEqual(before);
    expectNoContent(await call('DELETE', `mgmt/devices/${device.id}`, { auth: as(mine.key) }));
    expect(await db.device.count({ where: { id: device.id } })).toBe(0);
  });

  it('shows, renames and deletes a passkey of the community; another community’s passkey is 404 and stays', async () => {
    const { passkey, user } = await userWithPasskey(db, communityId, baseUrl, { aaguid: ICLOUD });
    const details = await call('GET', `mgmt/passkeys/${passkey.id}`, { auth: as(mine.key) });
    expect(details).toMatchObject({ status: 200, body: { passkeyInfo: { id: passkey.id, name: 'iCloud Keychain', aaguid: ICLOUD, credentialId: passkey.credentialId, credentialSynced: false, providerName: 'iCloud Keychain' }, user: { id: user.id, username: user.username } } });
    expectNoContent(await call('PUT', `mgmt/passkeys/${passkey.id}`, { auth: as(mine.key), json: { passkeyName: 'Laptop' } }));
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).name).toBe('Laptop');
    expectFido2Error(await call('PUT', `mgmt/passkeys/${passkey.id}`, { auth: as(mine.key), json: { passkeyName: '' } }), 400, 'request.validation_failed');
    const outsider = await userWithPasskey(db, foreignCommunityId, baseUrl);
    const before = await state(foreignCommunityId);
    expectFido2Error(await call('GET', `mgmt/passkeys/${outsider.passkey.id}`, { auth: as(mine.key) }), 404, 'passkeys.not_found');
    expectFido2Error(await call('PUT', `mgmt/passkeys/${outsider.passkey.id}`, { auth: as(mine.key), json: { passkeyName: 'Mine now' } }), 404, 'passkeys.not_found');
    expectFido2Error(await call('DELETE', `mgmt/passkeys/${outsider.passkey.id}`, { auth: as(mine.key) }), 404, 'passkeys.not_found');
    expectFido2Error(await call('DELETE', `mgmt/users/${outsider.user.id}/passkeys`, { auth: as(mine.key) }), 404, 'users.not_found');
    expect(await state(foreignCommunityId)).toEqual(before);
    expectNoContent(await call('DELETE', `mgmt/passkeys/${passkey.id}`, { auth: as(mine.key) }));
    expect(await db.passkey.count({ where: { id: passkey.id } })).toBe(0);
  });

  it('finds a user by username, deletes their passkeys, devices and the account; outsiders are 404 and stay', async () => {
    const { user, username } = await userWithPasskey(db, communityId, baseUrl);
    await db.device.create({ data: { communityId, userId: user.id, info: { clientName: 'Firefox' } } });
    const found = await call('GET', `mgmt/users?username=${encodeURIComponent(username.toUpperCase())}`, { auth: as(mine.key) });
    expect(found).toMatchObject({ status: 200, body: { user: { id: user.id, username }, passkeys: [expect.objectContaining({ credentialId: expect.any(String) })], devices: [expect.objectContaining({ clientName: 'Firefox' })] } });
    expectFido2Error(await call('GET', 'mgmt/users?username=nobody-here', { auth: as(mine.key) }), 404, 'users.not_found');
    expectFido2Error(await call('GET', 'mgmt/users', { auth: as(mine.key) }), 400, 'request.validation_failed');
    const outsider = await userWithPasskey(db, foreignCommunityId, baseUrl);
    const before = await state(foreignCommunityId);
    expectFido2Error(await call('GET', `mgmt/users?username=${outsider.username}`, { auth: as(mine.key) }), 404, 'users.not_found');
    expectFido2Error(await call('DELETE', `mgmt/users/${outsider.user.id}`, { auth: as(mine.key) }), 404, 'users.not_found');
    expect(await state(foreignCommunityId)).toEqual(before);

    expectNoContent(await call('DELETE', `mgmt/users/${user.id}/passkeys`, { auth: as(mine.key) }));
    expectNoContent(await call('DELETE', `mgmt/users/${user.id}/devices`, { auth: as(mine.key) }));
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.device.count({ where: { userId: user.id } })).toBe(0);
    expectNoContent(await call('DELETE', `mgmt/users/${user.id}`, { auth: as(mine.key) }));
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'users.deleted', subject: user.id, actor: `apikey:${mine.apiKeyId}` } })).toBe(1);
    expectFido2Error(await call('DELETE', `mgmt/users/${user.id}`, { auth: as(mine.key) }), 404, 'users.not_found');
  });
});

describe('mgmt/discover', () => {
  it('starts a sign-in for a user with passkeys and a sign-up for an unknown username; the front end finishes them with auth/complete and reg/complete', async () => {
    const { user, username, auth } = await userWithPasskey(db, communityId, baseUrl);
    const found = await call('POST', 'mgmt/discover', { auth: as(mine.key), json: { user: { username, usernameType: 'other' }, userAgent: 'Mozilla/5.0', deviceInfo: { clientName: 'Chrome' } } });
    expect(found).toMatchObject({ status: 200, body: { matchResult: 'PasskeyFound', userId: user.id, session: expect.any(String), authRequestOptions: { challenge: expect.any(String), rpId: 'localhost' } } });
    const assertion = auth.authenticate(found.body!.authRequestOptions as never, { origin: baseUrl });
    const signedIn = await call('POST', 'auth/complete', { json: { assertionResult: toAssertionResult(assertion), session: found.body!.session }, headers: { origin: baseUrl } });
    expect(signedIn).toMatchObject({ status: 200, body: { userId: user.id, jwtAccess: expect.any(String), deviceId: expect.any(String) } });
    expect(await db.device.findUniqueOrThrow({ where: { id: signedIn.body!.deviceId as string } })).toMatchObject({ userId: user.id, info: { clientName: 'Chrome' } });

    const newName = uniqueUsername();
    const fresh = await call('POST', 'mgmt/discover', { auth: as(mine.key), json: { user: { username: newName }, userAgent: 'Mozilla/5.0', deviceInfo: {} } });
    expect(fresh).toMatchObject({ status: 200, body: { matchResult: 'UserNotFound', regRequestOptions: { rp: { id: 'localhost' } } } });
    const credential = createSoftAuthenticator().register(fresh.body!.regRequestOptions as never, { origin: baseUrl });
    // The session names its application: another application's cannot finish it, and the ceremony is used up.
    const wrongApp = await call('POST', 'reg/complete', { json: { creationResult: toCreationResult(credential), session: `${sibling.app.id}.${(fresh.body!.session as string).split('.')[1]}` } });
    expectFido2Error(wrongApp, 400, 'passkeys.challenge_invalid');
    expect(await db.user.count({ where: { communityId, username: newName } })).toBe(0);

    const again = await call('POST', 'mgmt/discover', { auth: as(mine.key), json: { user: { username: newName }, userAgent: 'Mozilla/5.0' } });
    const created = await call('POST', 'reg/complete', { json: { creationResult: toCreationResult(createSoftAuthenticator().register(again.body!.regRequestOptions as never, { origin: baseUrl })), session: again.body!.session } });
    expect(created).toMatchObject({ status: 200, body: { userId: expect.any(String), jwtAccess: expect.any(String), passkeyId: expect.any(String) } });
    expect(await db.user.findUniqueOrThrow({ where: { id: created.body!.userId as string } })).toMatchObject({ communityId, username: newName });
    expectFido2Error(await call('POST', 'mgmt/discover', { auth: as(mine.key), json: { userAgent: 'x' } }), 400, 'request.validation_failed');
  });
});
