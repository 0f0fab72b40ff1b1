import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { createApplication } from '../applications/create-application';
import { ensureSigningKey } from './signing-keys';
import { grantJwtAccess } from './grant-jwt-access';
import { verifyJwtAccess } from './jwt-access';
import { verifyJwtAccessForApplication } from './verify-jwt-access-for-application';

const ORIGIN = 'https://id.example.com';
const kek = Buffer.alloc(32, 4);
let db: TDb;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof createApplication>>;
let sibling: Awaited<ReturnType<typeof createApplication>>;
let foreign: Awaited<ReturnType<typeof createApplication>>;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  const acme = await seedTenant(db, 'Acme');
  const other = await seedTenant(db, 'Other');
  for (const c of [acme.communityIds[0], other.communityIds[0]]) await ensureSigningKey(db, kek, c);
  app = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Shop', tokenTtlSeconds: 600 }, actor: 'test' });
  sibling = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Blog' }, actor: 'test' });
  foreign = await createApplication({ db, input: { communityId: other.communityIds[0], name: 'Else' }, actor: 'test' });
  await db.user.create({ data: { communityId: app.communityId, username: 'ada', displayName: 'Ada', userHandle: 'h1' } });
  await db.user.create({ data: { communityId: app.communityId, username: 'off', displayName: 'Off', userHandle: 'h2', status: 'disabled' } });
  await db.user.create({ data: { communityId: foreign.communityId, username: 'eve', displayName: 'Eve', userHandle: 'h3' } });
});
afterAll(() => close());

const grant = (input: unknown, a = app) => grantJwtAccess({ db, kek, origin: ORIGIN, application: a, input, actor: 'apikey:k' });

describe('grantJwtAccess', () => {
  it('issues a token for the user with exactly the requested grants, audited', async () => {
    const { token } = await grant({ grants: ['reg:write', 'passkey:read', 'reg:write'], username: ' ADA ' });
    const claims = await verifyJwtAccess({ db, token, origin: ORIGIN, appId: app.id });
    expect(claims).toMatchObject({ username: 'ada', scopes: ['reg:write', 'passkey:read'] });
    expect(claims.exp - claims.iat).toBe(600);
    expect(await db.auditEvent.count({ where: { type: 'tokens.granted', subject: claims.sub, actor: 'apikey:k' } })).toBe(1);
  });

  it.each([
    [{ grants: [], username: 'ada' }, 'request.validation_failed'],
    [{ grants: ['admin:all'], username: 'ada' }, 'request.validation_failed'],
    [{ grants: ['passkey:read'] }, 'request.validation_failed'],
    [{ grants: 'passkey:read', username: 'ada' }, 'request.validation_failed'],
    [{ grants: ['passkey:read'], username: 'nobody' }, 'users.not_found'],
    [{ grants: ['passkey:read'], username: 'eve' }, 'users.not_found'],
    [{ grants: ['passkey:read'], username: 'off' }, 'passkeys.user_disabled'],
  ])('refuses %j with %s', async (input, code) => {
    await expect(grant(input)).rejects.toMatchObject({ code });
  });
});

describe('verifyJwtAccessForApplication', () => {
  it('accepts a live token of the calling application only', async () => {
    const { token } = await grant({ grants: ['passkey:read'], username: 'ada' });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: app, input: { jwtAccess: token } })).resolves.toMatchObject({ username: 'ada' });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: sibling, input: { jwtAccess: token } })).rejects.toMatchObject({ code: 'tokens.invalid', status: 401 });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: foreign, input: { jwtAccess: token } })).rejects.toMatchObject({ code: 'tokens.invalid' });
  });

  it('refuses expired, malformed and tampered tokens, and tokens of a deleted user', async () => {
    const { token } = await grant({ grants: ['passkey:read'], username: 'ada' });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: app, input: { jwtAccess: token }, now: new Date(Date.now() + 601_000) })).rejects.toMatchObject({ code: 'tokens.invalid' });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: app, input: { jwtAccess: 'x.y.z' } })).rejects.toMatchObject({ code: 'tokens.invalid' });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: app, input: { jwtAccess: `${token.slice(0, -4)}AAAA` } })).rejects.toMatchObject({ code: 'tokens.invalid' });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: app, input: {} })).rejects.toMatchObject({ code: 'request.validation_failed' });
    const gone = await db.user.create({ data: { communityId: app.communityId, username: 'gone', displayName: 'G', userHandle: 'h4' } });
    const { token: goneToken } = await grant({ grants: ['passkey:read'], username: 'gone' });
    await db.user.delete({ where: { id: gone.id } });
    await expect(verifyJwtAccessForApplication({ db, origin: ORIGIN, application: app, input: { jwtAccess: goneToken } })).rejects.toMatchObject({ code: 'tokens.invalid' });
  });
});
