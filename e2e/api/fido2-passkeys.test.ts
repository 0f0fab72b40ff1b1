import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TApplicationDto } from '../../lib/applications/application';
import { loadKeyEncryptionKey } from '../../lib/crypto/kek';
import { createDb, type TDb } from '../../lib/db';
import type { TErrorCode } from '../../lib/errors';
import { issueJwtAccess } from '../../lib/tokens/jwt-access';
import { createFido2Client, type TAnswer } from '../support/fido2-client';
import { communityState, DEVICE, expectFido2Error, fido2World, registerUser } from '../support/fido2-fixtures';
import { createSoftAuthenticator } from '../support/soft-authenticator';

/**
 * FIDO2 API 2.0 passkey management (`/fido2/v2/passkeys…`, Bearer jwtAccess), JWKS, version and
 * unknown paths over real HTTP. Outsiders — another user, another community, a token without
 * the scope, of another application, expired — are refused and nothing changes.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const dataDir = inject('dataDir');
const client = createFido2Client({ baseUrl, origin: baseUrl });
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';

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

async function refused(act: () => Promise<TAnswer<unknown>>, status: number, code: TErrorCode) {
  const before = [await communityState(db, world.communityId), await communityState(db, world.otherCommunityId)];
  const res = await act();
  expectFido2Error(res, status, code);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect([await communityState(db, world.communityId), await communityState(db, world.otherCommunityId)]).toEqual(before);
}

describe('passkeys of the token’s user', () => {
  it('lists, renames and deletes them', async () => {
    const me = await registerUser(client, app, baseUrl, { auth: createSoftAuthenticator({ aaguid: ICLOUD, backupEligible: true, backupState: true }) });
    const list = await client.listPasskeys(me.jwtAccess);
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('*');
    expect(list.body).toEqual([
      {
        id: me.passkeyId,
        name: 'iCloud Keychain',
        aaguid: ICLOUD,
        providerName: 'iCloud Keychain',
        credentialId: me.credential.id,
        credentialSynced: true,
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        lastUsedFromDevice: { ...DEVICE, deviceId: me.deviceId, lastUsedAt: expect.any(String) },
      },
    ]);
    const renamed = await client.renamePasskey(me.jwtAccess, me.passkeyId, 'My phone');
    expect(renamed.status).toBe(204);
    expect((await db.passkey.findUniqueOrThrow({ where: { id: me.passkeyId } })).name).toBe('My phone');
    await refused(() => client.renamePasskey(me.jwtAccess, me.passkeyId, ''), 400, 'request.validation_failed');
    await refused(() => client.renamePasskey(me.jwtAccess, me.passkeyId, 42), 400, 'request.validation_failed');
    const deleted = await client.deletePasskey(me.jwtAccess, me.passkeyId);
    expect(deleted.status).toBe(204);
    expect((await client.listPasskeys(me.jwtAccess)).body).toEqual([]);
    await refused(() => client.deletePasskey(me.jwtAccess, me.passkeyId), 404, 'passkeys.not_found');
  });

  it('treats another user’s and another community’s passkeys as not found, and changes nothing', async () => {
    const me = await registerUser(client, app, baseUrl);
    const other = await registerUser(client, app, baseUrl);
    const outsider = await registerUser(client, world.foreign, baseUrl);
    for (const token of [me.jwtAccess, outsider.jwtAccess]) {
      await refused(() => client.renamePasskey(token, other.passkeyId, 'stolen'), 404, 'passkeys.not_found');
      await refused(() => client.deletePasskey(token, other.passkeyId), 404, 'passkeys.not_found');
    }
    await refused(() => client.deletePasskey(me.jwtAccess, outsider.passkeyId), 404, 'passkeys.not_found');
    expect((await client.listPasskeys(outsider.jwtAccess)).body.map((p) => p.id)).toEqual([outsider.passkeyId]);
  });

  it('needs a valid token of an active application with the scope', async () => {
    const me = await registerUser(client, app, baseUrl);
    const user = { id: me.userId, username: me.username };
    const readOnly = await issueJwtAccess({ db, kek, origin: baseUrl, app, user, scopes: ['passkey:read'] });
    const writeOnly = await issueJwtAccess({ db, kek, origin: baseUrl, app, user, scopes: ['passkey:write'] });
    const expired = await issueJwtAccess({ db, kek, origin: baseUrl, app, user, scopes: ['passkey:read', 'passkey:write'], now: new Date(Date.now() - (app.tokenTtlSeconds + 5) * 1000) });
    expect((await client.listPasskeys(readOnly)).status).toBe(200);
    await refused(() => client.renamePasskey(readOnly, me.passkeyId, 'x'), 403, 'tokens.insufficient_scope');
    await refused(() => client.deletePasskey(readOnly, me.passkeyId), 403, 'tokens.insufficient_scope');
    await refused(() => client.listPasskeys(writeOnly), 403, 'tokens.insufficient_scope');
    await refused(() => client.aaguid(writeOnly, ICLOUD), 403, 'tokens.insufficient_scope');
    for (const token of [expired, `${me.jwtAccess}x`, 'not-a-jwt']) {
      await refused(() => client.listPasskeys(token), 401, 'auth.unauthenticated');
      await refused(() => client.deletePasskey(token, me.passkeyId), 401, 'auth.unauthenticated');
    }
    await refused(() => client.call('GET', '/passkeys'), 401, 'auth.unauthenticated');
    // A token of a disabled application is no longer valid.
    await db.application.update({ where: { id: world.closed.id }, data: { status: 'disabled' } });
    const ofDisabled = await issueJwtAccess({ db, kek, origin: baseUrl, app: world.closed, user, scopes: ['passkey:read'] });
    await refused(() => client.listPasskeys(ofDisabled), 401, 'auth.unauthenticated');
  });

  it('describes authenticator models by AAGUID', async () => {
    const me = await registerUser(client, app, baseUrl);
    const known = await client.aaguid(me.jwtAccess, ICLOUD);
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ id: ICLOUD, name: 'iCloud Keychain', iconLight: '', iconDark: '' });
    await refused(() => client.aaguid(me.jwtAccess, '3e078ffd-4c54-4586-8baa-a77da113aec5'), 404, 'metadata.not_found');
    await refused(() => client.aaguid(me.jwtAccess, 'not-an-aaguid'), 400, 'request.validation_failed');
  });
});

describe('service endpoints', () => {
  it('publishes the JWKS and the version, and answers unknown paths with 404 {msg, msgCode}', async () => {
    await registerUser(client, app, baseUrl);
    const jwks = await client.jwks();
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get('cache-control')).toBe('public, max-age=300');
    const kids = jwks.body.keys.map((k) => k.kid);
    expect(new Set(kids).size).toBe(kids.length);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', key_ops: ['verify'] });
    expect(jwks.body.keys.some((k) => 'd' in k)).toBe(false);
    const version = await client.version();
    expect(version.status).toBe(200);
    expect(version.body).toEqual(expect.objectContaining({ version: expect.any(String) }));
    for (const [method, path] of [
      ['GET', '/nope'],
      ['POST', '/auth/nope'],
      ['DELETE', '/nothing/here'],
    ] as const) {
      const res = await client.call(method, path);
      expectFido2Error(res, 404, 'request.not_found');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});
