import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { createTenant } from '../tenancy/create-tenant';
import { createCommunity } from '../tenancy/create-community';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { clearAaguidBlocklist } from './clear-aaguid-blocklist';
import { finishAuthentication } from './finish-authentication';
import { finishRegistration } from './finish-registration';
import { listAaguidBlocklist } from './list-aaguid-blocklist';
import { removeFromAaguidBlocklist } from './remove-aaguid-blocklist';
import { startAuthentication } from './start-authentication';
import { startRegistration } from './start-registration';
import { upsertAaguidBlocklist } from './upsert-aaguid-blocklist';

const ORIGIN = 'https://login.acme.example';
const YUBIKEY = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const decoyKey = Buffer.alloc(32, 9);

describe.each(TEST_PROVIDERS)('AAGUID blocklist on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  let otherCommunityId: string;
  let n = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const tenant = await createTenant({ db, input: { name: 'Acme' }, actor: 'test' });
    const make = (name: string) => createCommunity({ db, input: { tenantId: tenant.id, name, rpId: 'acme.example', origins: [ORIGIN] }, actor: 'test' });
    communityId = (await make('Customers')).id;
    otherCommunityId = (await make('Staff')).id;
  });
  afterAll(async () => close());
  beforeEach(async () => {
    await db.community.updateMany({ data: { aaguidPolicy: {} } });
  });

  async function signUp(auth: TSoftAuthenticator, cid = communityId) {
    const { options } = await startRegistration({ db, communityId: cid, signUp: { username: `b${++n}`, displayName: 'B' } });
    return finishRegistration({ db, communityId: cid, response: auth.register(options, { origin: ORIGIN }) });
  }
  async function signIn(auth: TSoftAuthenticator, cid = communityId) {
    const { options } = await startAuthentication({ db, communityId: cid, decoyKey });
    return finishAuthentication({ db, communityId: cid, response: auth.authenticate(options, { origin: ORIGIN }) });
  }

  it('adds, updates, lists, removes and clears entries, keeping the allow/deny rules and auditing each change', async () => {
    await db.community.update({ where: { id: communityId }, data: { aaguidPolicy: { registration: { mode: 'deny', aaguids: ['00000000-0000-0000-0000-000000000001'] } } } });
    const now = new Date('2026-11-01T10:00:00Z');
    await upsertAaguidBlocklist({ db, communityId, input: { items: [{ aaguid: YUBIKEY.toUpperCase(), reg: true, auth: false }, { aaguid: ICLOUD, reg: false, auth: true }] }, actor: 'apikey:k', now });
    expect(await listAaguidBlocklist({ db, communityId })).toEqual([
      { aaguid: YUBIKEY, reg: true, auth: false, updatedAt: now.toISOString() },
      { aaguid: ICLOUD, reg: false, auth: true, updatedAt: now.toISOString() },
    ]);
    await upsertAaguidBlocklist({ db, communityId, input: { items: [{ aaguid: YUBIKEY, reg: true, auth: true }] }, actor: 'apikey:k' });
    expect((await listAaguidBlocklist({ db, communityId })).find((b) => b.aaguid === YUBIKEY)).toMatchObject({ reg: true, auth: true });
    await removeFromAaguidBlocklist({ db, communityId, input: { aaguids: [ICLOUD, '00000000-0000-0000-0000-0000000000ff'] }, actor: 'apikey:k' });
    expect((await listAaguidBlocklist({ db, communityId })).map((b) => b.aaguid)).toEqual([YUBIKEY]);
    await clearAaguidBlocklist({ db, communityId, actor: 'apikey:k' });
    expect(await listAaguidBlocklist({ db, communityId })).toEqual([]);
    const policy = (await db.community.findUniqueOrThrow({ where: { id: communityId } })).aaguidPolicy as Record<string, unknown>;
    expect(policy.registration).toEqual({ mode: 'deny', aaguids: ['00000000-0000-0000-0000-000000000001'] });
    expect(await listAaguidBlocklist({ db, communityId: otherCommunityId })).toEqual([]);
    const types = (await db.auditEvent.findMany({ where: { communityId, type: { startsWith: 'passkeys.aaguid_blocklist' } }, orderBy: { at: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['passkeys.aaguid_blocklist_updated', 'passkeys.aaguid_blocklist_updated', 'passkeys.aaguid_blocklist_removed', 'passkeys.aaguid_blocklist_cleared']);
  });

  it.each([
    [{ items: [] }],
    [{ items: [{ aaguid: 'nope', reg: true, auth: true }] }],
    [{ items: [{ aaguid: YUBIKEY, reg: 'yes', auth: true }] }],
    [{ items: [{ aaguid: YUBIKEY, reg: true, auth: true }, { aaguid: YUBIKEY.toUpperCase(), reg: false, auth: false }] }],
    [{}],
  ])('refuses %j and changes nothing', async (input) => {
    await expect(upsertAaguidBlocklist({ db, communityId, input, actor: 'x' })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(removeFromAaguidBlocklist({ db, communityId, input: { aaguids: ['x'] }, actor: 'x' })).rejects.toMatchObject({ code: 'request.validation_failed' });
    expect(await listAaguidBlocklist({ db, communityId })).toEqual([]);
  });

  it('refuses an unknown community', async () => {
    await expect(listAaguidBlocklist({ db, communityId: 'nope' })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    await expect(clearAaguidBlocklist({ db, communityId: 'nope', actor: 'x' })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
  });

  it('loses no entry when changes run concurrently', async () => {
    const aaguids = Array.from({ length: 8 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    await Promise.all(aaguids.map((aaguid) => upsertAaguidBlocklist({ db, communityId, input: { items: [{ aaguid, reg: true, auth: false }] }, actor: 'x' })));
    expect((await listAaguidBlocklist({ db, communityId })).map((b) => b.aaguid)).toEqual(aaguids);
  });

  it('is enforced by the core: a reg-blocked model cannot register, its existing passkeys still sign in', async () => {
    const existing = createSoftAuthenticator({ aaguid: YUBIKEY });
    await signUp(existing);
    await upsertAaguidBlocklist({ db, communityId, input: { items: [{ aaguid: YUBIKEY, reg: true, auth: false }] }, actor: 'x' });
    const users = await db.user.count();
    await expect(signUp(createSoftAuthenticator({ aaguid: YUBIKEY }))).rejects.toMatchObject({ code: 'passkeys.authenticator_not_allowed', status: 403 });
    expect(await db.user.count()).toBe(users);
    await expect(signIn(existing)).resolves.toMatchObject({ passkey: { aaguid: YUBIKEY } });
    // Another model, and the same model in another community, are not affected.
    await expect(signUp(createSoftAuthenticator({ aaguid: ICLOUD }))).resolves.toMatchObject({ created: true });
    await expect(signUp(createSoftAuthenticator({ aaguid: YUBIKEY }), otherCommunityId)).resolves.toMatchObject({ created: true });
  });

  it('is enforced by the core: an auth-blocked model cannot sign in and nothing changes, until removed', async () => {
    const auth = createSoftAuthenticator({ aaguid: ICLOUD });
    const { passkey } = await signUp(auth);
    await upsertAaguidBlocklist({ db, communityId, input: { items: [{ aaguid: ICLOUD, reg: false, auth: true }] }, actor: 'x' });
    const before = await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
    await expect(signIn(auth)).rejects.toMatchObject({ code: 'passkeys.authenticator_not_allowed' });
    expect(await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).toEqual(before);
    await expect(signUp(createSoftAuthenticator({ aaguid: ICLOUD }))).resolves.toMatchObject({ created: true });
    await removeFromAaguidBlocklist({ db, communityId, input: { aaguids: [ICLOUD] }, actor: 'x' });
    await expect(signIn(auth)).resolves.toMatchObject({ passkey: { id: passkey.id } });
  });
});
