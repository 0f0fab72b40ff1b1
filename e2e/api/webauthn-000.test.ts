import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type TDb } from '../../lib/db';
import { encrypt } from '../../lib/envelope/envelope';
import { createLicense } from '../../lib/licenses/create-license';
import { AUTH_LEVELS, type TAuthLevel } from '../../lib/licenses/license';
import { createCommunity } from '../../lib/tenancy/create-community';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../support/soft-authenticator';
import { createWebauthnClient, type TWebauthnClient, type TWebauthnFamily, type TWebauthnResponse } from '../support/webauthn-client';

/**
 * The spec 000 ceremony and unregister calls (`/webauthn/attestation|assertion/options|result`,
 * their `/u1` twins, `/webauthn/unregister/...`) over real HTTP against the production build, with
 * the software authenticator. Refusals are checked for status and the 000 error format, and
 * against the database: nothing may change.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const FAMILIES: TWebauthnFamily[] = ['enveloped', 'u1'];

let db: TDb;
let servicePublicKey = '';
let tenantId = '';
const communities = { main: '', other: '' };
const keys = { main: '', other: '' };
let client: TWebauthnClient;

beforeAll(async () => {
  db = createDb(databaseUrl);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true } });
  communities.main = main.id;
  tenantId = main.tenantId;
  const other = await createCommunity({ db, input: { tenantId, name: `Other ${crypto.randomUUID()}`, rpId: 'localhost', origins: [baseUrl] }, actor: 'test' });
  communities.other = other.id;
  keys.main = (await createLicense({ db, input: { authLevel: 'app', communityIds: [communities.main] }, actor: 'test' })).key;
  keys.other = (await createLicense({ db, input: { authLevel: 'app', communityIds: [communities.other] }, actor: 'test' })).key;
  const res = await fetch(`${baseUrl}/webauthn/publickeys`);
  servicePublicKey = ((await res.json()) as { publicKey: string }).publicKey;
  client = newClient(keys.main);
});

afterAll(async () => {
  await db?.$disconnect();
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function newClient(licenseKey: string): TWebauthnClient {
  return createWebauthnClient({ baseUrl, licenseKey, servicePublicKey });
}

function target(communityId = communities.main) {
  return { tenantId, communityId, dns: 'localhost' };
}

function uniqueName(): string {
  return `w000-${crypto.randomBytes(6).toString('hex')}`;
}

function expectOk<T>(res: TWebauthnResponse<T>): T {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.raw)}`);
  return res.data;
}

/** A refusal in the 000 format with this status; never a 5xx. */
function expectRefused(res: TWebauthnResponse<unknown>, status: number) {
  expect(res.status, JSON.stringify(res.raw)).toBe(status);
  expect(res.raw).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  expect(res.headers.get('cache-control')).toBe('no-store');
}

async function communityState(communityId = communities.main) {
  const [users, passkeys] = await Promise.all([
    db.user.findMany({ where: { communityId }, select: { id: true, username: true }, orderBy: { id: 'asc' } }),
    db.passkey.findMany({ where: { communityId }, select: { id: true, credentialId: true, signCount: true, lastUsedAt: true }, orderBy: { id: 'asc' } }),
  ]);
  return { users, passkeys };
}

/** Registers `username` through one family; returns what later steps need. */
async function register(family: TWebauthnFamily, options: { username?: string; authenticator?: TSoftAuthenticator; c?: TWebauthnClient } = {}) {
  const c = options.c ?? client;
  const username = options.username ?? uniqueName();
  const authenticator = options.authenticator ?? createSoftAuthenticator();
  const opts = expectOk(await c.attestationOptions(family, { ...target(), username, displayName: `Test ${username}` }));
  const response = authenticator.register(opts, { origin: baseUrl });
  const result = expectOk(await c.attestationResult(family, opts.sessionInfo, { ...target(), ...response }));
  return { username, authenticator, response, result };
}

async function signIn(family: TWebauthnFamily, username: string, authenticator: TSoftAuthenticator) {
  const opts = expectOk(await client.assertionOptions(family, { ...target(), username }));
  const response = authenticator.authenticate(opts, { origin: baseUrl });
  return { opts, response, result: await client.assertionResult(family, opts.sessionInfo, { ...target(), ...response }) };
}

// ---------------------------------------------------------------------------------------------
// Ceremonies
// ---------------------------------------------------------------------------------------------

describe.each(FAMILIES)('registration and sign-in (%s)', (family) => {
  it('registers a new user, signs in, and adds a passkey to an existing user', async () => {
    const username = uniqueName();
    const optsRes = await client.attestationOptions(family, { ...target(), username, displayName: 'Ada' });
    const opts = expectOk(optsRes);
    expect(opts).toMatchObject({ status: 'ok', errorMessage: '', rp: { id: 'localhost' }, user: { name: username, displayName: 'Ada' } });
    expect(opts.challenge).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(opts.sessionInfo).toMatch(/^[A-Za-z0-9_-]{43}$/);
    if (family === 'enveloped') expect(optsRes.raw).toEqual({ data: expect.any(String), publicKey: servicePublicKey });

    const authenticator = createSoftAuthenticator();
    const response = authenticator.register(opts, { origin: baseUrl });
    const result = expectOk(await client.attestationResult(family, opts.sessionInfo, { ...target(), ...response }));
    expect(result).toMatchObject({ status: 'ok', errorMessage: '', username, credentialId: response.id, created: true });
    const user = await db.user.findUniqueOrThrow({ where: { id: result.sub } });
    expect(user).toMatchObject({ communityId: communities.main, username });

    const signedIn = await signIn(family, username, authenticator);
    expect(signedIn.opts.allowCredentials?.map((c) => c.id)).toEqual([response.id]);
    expect(expectOk(signedIn.result)).toMatchObject({ sub: user.id, status: 'ok', errorMessage: '', username, credentialId: response.id });
    expect((await db.passkey.findFirstOrThrow({ where: { credentialId: response.id } })).lastUsedAt).not.toBeNull();

    // Same username again: a second passkey for the same user, no new account.
    const second = await register(family, { username });
    expect(second.result).toMatchObject({ sub: user.id, created: false });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(2);
  });

  it('accepts the vendor field name getClientExtensionResults and usernameless sign-in', async () => {
    const { username, authenticator } = await register(family);
    const opts = expectOk(await client.assertionOptions(family, target()));
    expect(opts.allowCredentials ?? []).toEqual([]);
    const { clientExtensionResults, ...response } = authenticator.authenticate(opts, { origin: baseUrl });
    const res = await client.assertionResult(family, opts.sessionInfo, { ...target(), ...response, getClientExtensionResults: clientExtensionResults } as never);
    expect(expectOk(res).username).toBe(username);
  });
});

it('accepts every authLevel for the ceremonies (spec 000 names none; see lib/webauthn-api/authorize.ts)', async () => {
  for (const authLevel of AUTH_LEVELS as readonly TAuthLevel[]) {
    const { key } = await createLicense({ db, input: { authLevel, communityIds: [communities.main] }, actor: 'test' });
    const res = await newClient(key).assertionOptions('u1', target());
    expect(res.status, authLevel).toBe(200);
  }
});

// ---------------------------------------------------------------------------------------------
// Attacks
// ---------------------------------------------------------------------------------------------

describe('refusals change nothing', () => {
  it('refuses tampered ciphertext in the body and in the headers (401)', async () => {
    const before = await communityState();
    const raw = Buffer.from(encrypt({ key: client.sharedKey(), plaintext: JSON.stringify({ ...target(), username: uniqueName() }) }), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0x01;
    expectRefused(await client.attestationOptions('enveloped', { ...target(), username: uniqueName() }, { rawBody: JSON.stringify({ data: raw.toString('base64') }) }), 401);

    const tamperedLicense = Buffer.from(encrypt({ key: client.sharedKey(), plaintext: keys.main }), 'base64');
    tamperedLicense[18] = tamperedLicense[18]! ^ 0x01;
    expectRefused(await client.attestationOptions('enveloped', { ...target(), username: uniqueName() }, { headers: { licensekey: tamperedLicense.toString('base64') } }), 401);
    expect(await communityState()).toEqual(before);
  });

  it('refuses a call encrypted for another caller key (401)', async () => {
    const other = newClient(keys.main);
    const res = await client.attestationOptions('enveloped', { ...target(), username: uniqueName() }, { envelopeKey: other.sharedKey() });
    expectRefused(res, 401);
    const swapped = await client.assertionOptions('enveloped', target(), { headers: { publickey: other.publicKey } });
    expectRefused(swapped, 401);
  });

  it.each(FAMILIES)('refuses stale and future requestid ts and a replayed requestid (%s, 401)', async (family) => {
    const now = Math.floor(Date.now() / 1000);
    expectRefused(await client.assertionOptions(family, target(), { requestId: { ts: now - 600 } }), 401);
    expectRefused(await client.assertionOptions(family, target(), { requestId: { ts: now + 600 } }), 401);
    expect((await client.assertionOptions(family, target())).status).toBe(200);
    const replay = client.lastRequestId!;
    expectRefused(await client.assertionOptions(family, target(), { requestId: replay }), 401);
    // A bare uuid (u1) is remembered too.
    if (family === 'u1') {
      const uuid = crypto.randomUUID();
      expect((await client.assertionOptions('u1', target(), { requestIdHeader: uuid })).status).toBe(200);
      expectRefused(await client.assertionOptions('u1', target(), { requestIdHeader: uuid }), 401);
    }
  });

  it.each(FAMILIES)('refuses a license of another community (%s, 403) and an unknown license (401)', async (family) => {
    const before = await communityState();
    expectRefused(await newClient(keys.other).attestationOptions(family, { ...target(), username: uniqueName() }), 403);
    expectRefused(await newClient('lk_unknown').attestationOptions(family, { ...target(), username: uniqueName() }), 401);
    // The result call is authorized too: a ceremony of main answered with the other community's license.
    const opts = expectOk(await client.attestationOptions(family, { ...target(), username: uniqueName() }));
    const response = createSoftAuthenticator().register(opts, { origin: baseUrl });
    expectRefused(await newClient(keys.other).attestationResult(family, opts.sessionInfo, { ...target(), ...response }), 403);
    expect(await communityState()).toEqual(before);
  });

  it.each(FAMILIES)('refuses the sessionInfo of another ceremony and of another license (%s, 400)', async (family) => {
    const before = await communityState();
    const a = expectOk(await client.attestationOptions(family, { ...target(), username: uniqueName() }));
    const b = expectOk(await client.attestationOptions(family, { ...target(), username: uniqueName() }));
    const response = createSoftAuthenticator().register(a, { origin: baseUrl });
    expectRefused(await client.attestationResult(family, b.sessionInfo, { ...target(), ...response }), 400);
    // Missing and malformed sessionInfo.
    const c = expectOk(await client.attestationOptions(family, { ...target(), username: uniqueName() }));
    const responseC = createSoftAuthenticator().register(c, { origin: baseUrl });
    expectRefused(await client.attestationResult(family, null, { ...target(), ...responseC }), 400);
    expectRefused(await client.attestationResult(family, 'x', { ...target(), ...responseC }), 400);
    // The right sessionInfo presented under another license of the same community.
    const { key } = await createLicense({ db, input: { authLevel: 'app', communityIds: [communities.main] }, actor: 'test' });
    const d = expectOk(await client.attestationOptions(family, { ...target(), username: uniqueName() }));
    const responseD = createSoftAuthenticator().register(d, { origin: baseUrl });
    expectRefused(await newClient(key).attestationResult(family, d.sessionInfo, { ...target(), ...responseD }), 400);
    expect(await communityState()).toEqual(before);

    // Sign-in: another ceremony's sessionInfo.
    const { username, authenticator } = await register(family);
    const after = await communityState();
    const x = expectOk(await client.assertionOptions(family, { ...target(), username }));
    const y = expectOk(await client.assertionOptions(family, { ...target(), username }));
    const assertion = authenticator.authenticate(x, { origin: baseUrl });
    expectRefused(await client.assertionResult(family, y.sessionInfo, { ...target(), ...assertion }), 400);
    expect(await communityState()).toEqual(after);
  });

  it('refuses missing credential headers (401)', async () => {
    for (const family of FAMILIES) {
      expectRefused(await client.assertionOptions(family, target(), { headers: { licensekey: null } }), 401);
    }
    expectRefused(await client.assertionOptions('enveloped', target(), { headers: { publickey: null } }), 401);
    expectRefused(await client.assertionOptions('enveloped', target(), { headers: { requestid: null } }), 401);
  });

  it.each(FAMILIES)('refuses malformed bodies and a dns the community does not serve (%s, 400)', async (family) => {
    const before = await communityState();
    const bad: TWebauthnResponse<unknown>[] = [
      await client.attestationOptions(family, { ...target(), username: uniqueName() }, { rawBody: '{"oops' }),
      await client.attestationOptions(family, { dns: 'localhost', username: uniqueName() } as never),
      await client.attestationOptions(family, { ...target(), username: 'no spaces allowed' }),
      await client.attestationOptions(family, { ...target(), dns: 'evil.example', username: uniqueName() }),
      await client.assertionResult(family, 'A'.repeat(43), { ...target(), id: 'x' } as never),
    ];
    if (family === 'enveloped') {
      bad.push(await client.assertionOptions('enveloped', target(), { rawBody: JSON.stringify({ notData: 1 }) }));
    }
    for (const res of bad) expectRefused(res, 400);
    expectRefused(await client.attestationOptions(family, { ...target(), tenantId: 'no-such-tenant', username: uniqueName() }), 404);
    expect(await communityState()).toEqual(before);
  });

  it.each(FAMILIES)('answers junk with a 4xx, never a 500 (%s)', async (family) => {
    const before = await communityState();
    const session = 'A'.repeat(43);
    const junk: unknown[] = [
      null,
      [],
      'text',
      { ...target(), id: 1, rawId: [], type: 'public-key', response: 'x' },
      { ...target(), id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'AA' } },
      { ...target(), id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: Buffer.from('{"type":"webauthn.create","challenge":"x","origin":"y"}').toString('base64url'), attestationObject: 'AA' } },
      { ...target(), communityId: { $ne: 1 } },
    ];
    for (const payload of junk) {
      for (const call of [client.attestationResult, client.assertionResult]) {
        const res = await call(family, session, payload as never);
        expect(res.status, JSON.stringify({ payload, raw: res.raw })).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
    if (family === 'enveloped') {
      expectRefused(await client.assertionOptions('enveloped', target(), { rawBody: JSON.stringify({ data: 123 }) }), 400);
      expectRefused(await client.assertionOptions('enveloped', target(), { rawBody: JSON.stringify({ data: 'AAAA' }) }), 401);
      expectRefused(await client.assertionOptions('enveloped', target(), { headers: { publickey: 'A'.repeat(5000) } }), 401);
    }
    expect(await communityState()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------
// Unregister
// ---------------------------------------------------------------------------------------------

describe.each(FAMILIES)('unregister (%s headers)', (family) => {
  it('removes one passkey by credential id, then all of a user by id or dguid, and 404s when nothing matches', async () => {
    const first = await register(family);
    const second = await register(family, { username: first.username });
    const userId = first.result.sub;

    const one = await client.unregister(family, { communityId: communities.main, identifier: first.response.id });
    expect(expectOk(one)).toMatchObject({ status: 'ok', removed: 1 });
    expect(await db.passkey.count({ where: { userId } })).toBe(1);
    const events = await db.auditEvent.findMany({ where: { type: 'passkeys.unregistered', communityId: communities.main }, select: { detail: true, actor: true } });
    expect(events.filter((e) => (e.detail as { credentialId?: string }).credentialId === first.response.id)).toEqual([{ detail: expect.objectContaining({ userId, by: 'credentialId' }), actor: expect.stringMatching(/^license:/) }]);
    expectRefused(await client.unregister(family, { communityId: communities.main, identifier: first.response.id }), 404);

    // Scoped to another user: not found, nothing removed.
    const stranger = await register(family);
    expectRefused(await client.unregister(family, { communityId: communities.main, userId: stranger.result.sub, identifier: second.response.id }), 404);
    expect(await db.passkey.count({ where: { userId } })).toBe(1);

    // The user-scoped form, by user id.
    expect(expectOk(await client.unregister(family, { communityId: communities.main, userId, identifier: userId })).removed).toBe(1);
    expect(await db.passkey.count({ where: { userId } })).toBe(0);

    // By dguid: all passkeys of that user.
    const dguid = crypto.randomUUID();
    await db.user.update({ where: { id: stranger.result.sub }, data: { dguid } });
    await register(family, { username: stranger.username });
    expect(expectOk(await client.unregister(family, { communityId: communities.main, identifier: dguid })).removed).toBe(2);
  });

  it('refuses a license of another community (403) and unauthenticated calls (401), changing nothing', async () => {
    const { response } = await register(family);
    const before = await communityState();
    expectRefused(await newClient(keys.other).unregister(family, { communityId: communities.main, identifier: response.id }), 403);
    expectRefused(await client.unregister(family, { communityId: communities.main, identifier: response.id }, { headers: { licensekey: null } }), 401);
    expectRefused(await client.unregister(family, { communityId: communities.main, identifier: response.id }, { licenseKey: 'lk_nope' }), 401);
    expect(await communityState()).toEqual(before);
  });
});
