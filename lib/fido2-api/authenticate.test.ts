import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { createApiKey } from '../apikeys/create-api-key';
import { revokeApiKey } from '../apikeys/revoke-api-key';
import { createApplication } from '../applications/create-application';
import { createApplicationKey } from '../applications/create-application-key';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { ensureSigningKey } from '../tokens/signing-keys';
import { issueJwtAccess, verifyJwtAccess } from '../tokens/jwt-access';
import { authenticateFido2Management, authenticateFido2User } from './authenticate';

const ORIGIN = 'https://id.example.com';
const kek = Buffer.alloc(32, 3);

let db: TDb;
let close: () => Promise<void>;
let app: { id: string; communityId: string; tokenTtlSeconds: number };
let otherApp: { id: string; communityId: string; tokenTtlSeconds: number };
const user = { id: 'user-1', username: 'ada' };

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  const acme = await seedTenant(db, 'Acme');
  const other = await seedTenant(db, 'Other');
  for (const c of [...acme.communityIds, ...other.communityIds]) await ensureSigningKey(db, kek, c);
  app = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Shop', tokenTtlSeconds: 600 }, actor: 'test' });
  otherApp = await createApplication({ db, input: { communityId: other.communityIds[0], name: 'Other shop' }, actor: 'test' });
});
afterAll(() => close());

const issue = (options: { scopes?: Parameters<typeof issueJwtAccess>[0]['scopes']; now?: Date; a?: typeof app } = {}) =>
  issueJwtAccess({ db, kek, origin: ORIGIN, app: options.a ?? app, user, scopes: options.scopes ?? ['passkey:read'], credId: 'cred-1', now: options.now });

describe('jwtAccess', () => {
  it('carries the claims of WIRE-NOTES §2 and verifies', async () => {
    const token = await issue({ scopes: ['passkey:read', 'passkey:read', 'reg:write'] });
    const claims = await verifyJwtAccess({ db, token, origin: ORIGIN });
    expect(claims).toMatchObject({ appId: app.id, communityId: app.communityId, sub: 'user-1', username: 'ada', credId: 'cred-1', scopes: ['passkey:read', 'reg:write'] });
    expect(claims.exp - claims.iat).toBe(600);
    expect(claims.raw).toMatchObject({ iss: `${ORIGIN}/c/${app.communityId}`, aud: app.id, tokenType: 'jwtAccess', verify: '/fido2/v2/mgmt/token/verify', credID: 'cred-1' });
  });

  it('refuses an expired token, a token of another issuer, of another application, forged or of a disabled application', async () => {
    const expired = await issue({ now: new Date(Date.now() - 601_000) });
    await expect(verifyJwtAccess({ db, token: expired, origin: ORIGIN })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    const token = await issue();
    await expect(verifyJwtAccess({ db, token, origin: 'https://other.example.com' })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    await expect(verifyJwtAccess({ db, token, origin: ORIGIN, appId: otherApp.id })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    // Signed with a key that is not the community's.
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ username: 'ada', scopes: ['passkey:write'], tokenType: 'jwtAccess' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(`${ORIGIN}/c/${app.communityId}`)
      .setAudience(app.id)
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifyJwtAccess({ db, token: forged, origin: ORIGIN })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    // A token of application A relabelled for application B fails B's signature check.
    const [h, p, s] = token.split('.');
    const relabelled = [h, Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), aud: otherApp.id })).toString('base64url'), s].join('.');
    await expect(verifyJwtAccess({ db, token: relabelled, origin: ORIGIN })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    for (const junk of ['', 'abc', 'a.b.c', `${h}.${p}`]) await expect(verifyJwtAccess({ db, token: junk, origin: ORIGIN })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    const disabled = await createApplication({ db, input: { communityId: app.communityId, name: 'Gone' }, actor: 'test' });
    const gone = await issue({ a: disabled });
    await db.application.update({ where: { id: disabled.id }, data: { status: 'disabled' } });
    await expect(verifyJwtAccess({ db, token: gone, origin: ORIGIN })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
  });
});

describe('authenticateFido2User', () => {
  it('accepts a Bearer token with the scopes (scheme case-insensitive)', async () => {
    const token = await issue({ scopes: ['passkey:read', 'passkey:write'] });
    const caller = await authenticateFido2User({ db, authorization: `bearer ${token}`, origin: ORIGIN, scopes: ['passkey:write'] });
    expect(caller).toMatchObject({ kind: 'user', application: { id: app.id, communityId: app.communityId }, token: { sub: 'user-1' } });
  });

  it('401 without a usable Bearer token, 403 when a scope is missing', async () => {
    const token = await issue({ scopes: ['passkey:read'] });
    for (const authorization of [null, '', token, `Basic ${token}`, `Bearer`, `Bearer ${token} extra`, `Bearer ${'x'.repeat(9000)}`]) {
      await expect(authenticateFido2User({ db, authorization, origin: ORIGIN, scopes: [] })).rejects.toMatchObject({ code: 'auth.unauthenticated', status: 401 });
    }
    await expect(authenticateFido2User({ db, authorization: `Bearer ${token}`, origin: ORIGIN, scopes: ['passkey:read', 'passkey:write'] })).rejects.toMatchObject({
      code: 'tokens.insufficient_scope',
      status: 403,
    });
  });
});

describe('authenticateFido2Management', () => {
  const basic = (user: string) => `Basic ${Buffer.from(user).toString('base64')}`;

  it("accepts an application's key as the Basic user name, with or without the colon and password", async () => {
    const { key, apiKey } = await createApplicationKey({ db, input: { applicationId: app.id }, actor: 'test' });
    for (const authorization of [basic(`${key}:`), basic(key), basic(`${key}:ignored`), `basic ${Buffer.from(`${key}:`).toString('base64')}`]) {
      expect(await authenticateFido2Management({ db, authorization })).toMatchObject({ kind: 'management', apiKeyId: apiKey.id, application: { id: app.id, communityId: app.communityId } });
    }
  });

  it('refuses missing, unknown, revoked, spec 001 keys and keys of a disabled application with 401', async () => {
    const { key, apiKey } = await createApplicationKey({ db, input: { applicationId: app.id }, actor: 'test' });
    await revokeApiKey({ db, input: { id: apiKey.id }, actor: 'test' });
    const spec001 = await createApiKey({ db, input: { communityId: app.communityId, allowedOrigins: ['https://acme.example.com'] }, actor: 'test' });
    const disabled = await createApplication({ db, input: { communityId: app.communityId, name: 'Off' }, actor: 'test' });
    const offKey = await createApplicationKey({ db, input: { applicationId: disabled.id }, actor: 'test' });
    await db.application.update({ where: { id: disabled.id }, data: { status: 'disabled' } });
    for (const authorization of [null, '', 'Basic', basic(':'), basic('lkk_unknown:'), basic(`${key}:`), basic(`${spec001.key}:`), basic(`${offKey.key}:`), `Bearer ${key}`]) {
      await expect(authenticateFido2Management({ db, authorization })).rejects.toMatchObject({ code: 'auth.unauthenticated', status: 401 });
    }
  });
});
