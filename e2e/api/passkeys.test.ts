import crypto from 'node:crypto';
import net from 'node:net';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadKeyEncryptionKey } from '../../lib/crypto/kek';
import { createDb, type Prisma, type TDb } from '../../lib/db';
import { ERROR_CATALOG, type TErrorCode } from '../../lib/errors';
import { createCommunity } from '../../lib/tenancy/create-community';
import { ensureSigningKey } from '../../lib/tokens/signing-keys';
import { createHostedClient, expectOk, parseSetCookie, type THostedClient, type THostedResponse } from '../support/hosted-client';
import {
  COSE_ALG,
  createSoftAuthenticator,
  toBase64Url,
  ZERO_AAGUID,
  type TAttestationFormat,
  type TAuthenticateOptions,
  type TCoseAlg,
  type TRegisterOptions,
  type TSoftAuthenticatorOptions,
} from '../support/soft-authenticator';

/**
 * The hosted passkey JSON endpoints (`/c/{communityId}/api/...`) over real HTTP against the
 * production build, with a software authenticator making real attestations and assertions.
 * Every refusal is checked for its exact status and code in the hosted error format, and against
 * the database: nothing may change (users, passkeys, counters, last use, sessions).
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const databaseUrl = inject('databaseUrl');

/** iCloud Keychain's AAGUID: named by the bundled AAGUID data set. */
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const EVIL_ORIGIN = 'https://evil.example';
const ALLOWED_TOP_ORIGIN = 'https://shop.example.test';
const DENIED_AT_REGISTRATION = '3e1b7f4a-5a0c-4b8e-9d2f-6c7a8b9d0e11';
const DENIED_AT_AUTHENTICATION = '7c2d9e5b-1f3a-4c6d-8e9f-0a1b2c3d4e5f';

let db: TDb;
/** Community ids: the default one and a few with their own policies, all on rpId `localhost`. */
const communities = { main: '', other: '', deny: '', uv: '', crossOrigin: '' };
let tenantId = '';

beforeAll(async () => {
  db = createDb(databaseUrl);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true, rpId: true, origins: true } });
  expect(main.rpId).toBe('localhost');
  expect(main.origins).toEqual([baseUrl]);
  communities.main = main.id;
  tenantId = main.tenantId;
  const kek = loadKeyEncryptionKey({ kekFromEnv: process.env.LATCHKEY_KEK ? Buffer.from(process.env.LATCHKEY_KEK, 'base64') : undefined, dataDir });
  const create = async (name: string, extra: Prisma.CommunityUpdateInput = {}, userVerification?: 'required') => {
    const c = await createCommunity({ db, input: { tenantId, name: `${name} ${crypto.randomUUID()}`, rpId: 'localhost', origins: [baseUrl], userVerification }, actor: 'test' });
    await ensureSigningKey(db, kek, c.id);
    if (Object.keys(extra).length > 0) await db.community.update({ where: { id: c.id }, data: extra });
    return c.id;
  };
  communities.other = await create('Other');
  communities.deny = await create('Deny-list', {
    // Upper case on purpose: admins paste AAGUIDs as they find them.
    aaguidPolicy: { registration: { mode: 'deny', aaguids: [DENIED_AT_REGISTRATION.toUpperCase()] }, authentication: { mode: 'deny', aaguids: [DENIED_AT_AUTHENTICATION] } },
  });
  communities.uv = await create('UV required', {}, 'required');
  communities.crossOrigin = await create('Cross-origin', { allowCrossOrigin: true, allowedTopOrigins: [ALLOWED_TOP_ORIGIN] });
});

afterAll(async () => {
  await db?.$disconnect();
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function uniqueName(prefix = 'user'): string {
  return `${prefix}-${crypto.randomBytes(6).toString('hex')}`;
}

function hosted(communityId = communities.main, origin?: string | null): THostedClient {
  return createHostedClient({ baseUrl, communityId, origin });
}

/** A synced iCloud Keychain passkey unless told otherwise. */
function authenticatorOf(options: TSoftAuthenticatorOptions = {}) {
  return createSoftAuthenticator({ aaguid: ICLOUD, backupEligible: true, backupState: true, ...options });
}

/** Signs a new user up and returns everything a test needs about them. */
async function signUp(options: { communityId?: string; authenticator?: TSoftAuthenticatorOptions; ceremony?: Partial<TRegisterOptions> } = {}) {
  const communityId = options.communityId ?? communities.main;
  const client = hosted(communityId);
  const authenticator = authenticatorOf(options.authenticator);
  const username = uniqueName();
  const { response, result } = await client.register(authenticator, { username, displayName: `Test ${username}` }, options.ceremony);
  const body = expectOk(result);
  const userHandle = (await db.user.findUniqueOrThrow({ where: { id: body.user.id }, select: { userHandle: true } })).userHandle;
  return { communityId, client, authenticator, username, userHandle, user: body.user, passkey: body.passkey, credentialId: response.id, body, result };
}

async function passkeyRow(id: string) {
  return db.passkey.findUniqueOrThrow({ where: { id } });
}

/** Everything a refused request must leave untouched in a community. */
async function communityState(communityId: string) {
  const [users, passkeys, sessions] = await Promise.all([
    db.user.findMany({ where: { communityId }, select: { id: true, username: true, status: true, userHandle: true }, orderBy: { id: 'asc' } }),
    db.passkey.findMany({
      where: { communityId },
      select: { id: true, userId: true, credentialId: true, publicKey: true, signCount: true, lastUsedAt: true, backupState: true, backupEligible: true, userVerified: true, name: true },
      orderBy: { id: 'asc' },
    }),
    db.session.findMany({ where: { communityId }, select: { id: true, userId: true, revokedAt: true, expiresAt: true }, orderBy: { id: 'asc' } }),
  ]);
  return { users, passkeys, sessions };
}

/** An answer in the hosted error format with exactly this status and code, no cookie, not cached. */
function expectHostedError(res: THostedResponse<unknown>, status: number, code: TErrorCode): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { error: { code } } });
  const error = (res.body as { error: Record<string, unknown> }).error;
  expect(Object.keys(error).filter((k) => k !== 'fields')).toEqual(['code', 'message']);
  // The public message is the catalog's (validation errors add a safe per-field summary): an
  // attacker never learns which check failed (CONVENTIONS.md §4).
  if (code === 'request.validation_failed') expect(error.message).toMatch(/^Validation error/);
  else expect(error.message).toBe(ERROR_CATALOG[code].message);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.setCookies).toEqual([]);
}

/** Runs `act` and asserts the refusal and that the listed communities did not change. */
async function expectRefusedUnchanged(
  act: () => Promise<THostedResponse<unknown>>,
  status: number,
  code: TErrorCode,
  communityIds: string[] = [communities.main],
): Promise<THostedResponse<unknown>> {
  const before = await Promise.all(communityIds.map(communityState));
  const res = await act();
  expectHostedError(res, status, code);
  expect(await Promise.all(communityIds.map(communityState))).toEqual(before);
  return res;
}

async function ceremonyExists(challenge: string): Promise<boolean> {
  return (await db.ceremony.count({ where: { challenge } })) === 1;
}

async function expireCeremony(challenge: string): Promise<void> {
  await db.ceremony.update({ where: { challenge }, data: { expiresAt: new Date(Date.now() - 1000) } });
}

const DTO_KEYS = ['aaguid', 'backupEligible', 'createdAt', 'credentialId', 'id', 'lastUsedAt', 'name', 'providerIcon', 'providerName', 'synced', 'transports'];

// ---------------------------------------------------------------------------------------------
// Happy paths
// ---------------------------------------------------------------------------------------------

describe('sign-up', () => {
  const ALGS: [string, TCoseAlg][] = [
    ['ES256', COSE_ALG.ES256],
    ['EdDSA', COSE_ALG.EdDSA],
    ['RS256', COSE_ALG.RS256],
  ];
  const FORMATS: [TAttestationFormat, string][] = [
    ['none', 'none'],
    ['packed', 'self'],
  ];

  describe.each(ALGS)('%s', (_name, alg) => {
    it.each(FORMATS)('signs up with fmt=%s, stores the key, names the passkey, opens a session, and signs in', async (fmt, trust) => {
      const client = hosted();
      const authenticator = authenticatorOf({ alg });
      const username = uniqueName();
      const started = Date.now();
      const { options, response, result } = await client.register(authenticator, { username, displayName: 'Ada Lovelace' }, { fmt });

      // The options offer the community's algorithms and require a discoverable credential.
      expect(options.rp).toEqual({ name: 'Latchkey', id: 'localhost' });
      expect(options.user.name).toBe(username);
      expect(options.pubKeyCredParams.map((p) => p.alg)).toEqual([COSE_ALG.ES256, COSE_ALG.EdDSA, COSE_ALG.RS256]);
      expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' });
      expect(options.excludeCredentials).toEqual([]);

      expect(result.status).toBe(200);
      expect(result.headers.get('cache-control')).toBe('no-store');
      const body = result.data;
      expect(Object.keys(body).sort()).toEqual(['passkey', 'redirectTo', 'user']);
      expect(body.user).toEqual({ id: expect.any(String), username, displayName: 'Ada Lovelace' });
      expect(body.redirectTo).toBe(`/c/${communities.main}/account`);
      expect(Object.keys(body.passkey).sort()).toEqual(DTO_KEYS);
      expect(body.passkey).toMatchObject({
        name: 'iCloud Keychain',
        aaguid: ICLOUD,
        providerName: 'iCloud Keychain',
        credentialId: response.id,
        synced: true,
        backupEligible: true,
        transports: ['internal', 'hybrid'],
      });
      expect(new Date(body.passkey.createdAt).getTime()).toBeGreaterThanOrEqual(started - 2000);
      // The sign-up signed the user in with this passkey: its first use.
      expect(body.passkey.lastUsedAt).toBe(body.passkey.createdAt);

      const row = await passkeyRow(body.passkey.id);
      expect(row).toMatchObject({
        communityId: communities.main,
        userId: body.user.id,
        credentialId: response.id,
        publicKey: toBase64Url(authenticator.credentials[0]!.publicKey),
        alg,
        signCount: 0,
        aaguid: ICLOUD,
        backupEligible: true,
        backupState: true,
        userVerified: true,
        attestationFormat: fmt,
        attestationTrust: trust,
      });
      const user = await db.user.findUniqueOrThrow({ where: { id: body.user.id } });
      expect(user).toMatchObject({ communityId: communities.main, username, status: 'active', userHandle: options.user.id });
      // WebAuthn §14.6.1: the user handle is random and opaque (32 bytes here), never the username.
      expect(Buffer.from(user.userHandle, 'base64url')).toHaveLength(32);
      const sessions = await db.session.findMany({ where: { userId: body.user.id } });
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ communityId: communities.main, revokedAt: null, amr: ['pop'] });
      expect(await db.auditEvent.count({ where: { type: 'passkeys.signed_up', subject: body.passkey.id, result: 'success' } })).toBe(1);
      expect(client.sessionToken()).toEqual(expect.any(String));

      // The stored key verifies this algorithm's signatures.
      const signIn = await hosted().signIn(authenticator);
      expect(signIn.result.status).toBe(200);
      expect(signIn.result.data.user).toEqual(body.user);
      expect((await passkeyRow(body.passkey.id)).signCount).toBe(1);
    });
  });

  it('a device-bound passkey of an unknown model is named "Passkey" and is neither synced nor backup eligible', async () => {
    const { passkey, client } = await signUp({ authenticator: { aaguid: ZERO_AAGUID, backupEligible: false, backupState: false, attachment: 'cross-platform', transports: ['usb', 'nfc'] } });
    expect(passkey).toMatchObject({ name: 'Passkey', aaguid: ZERO_AAGUID, providerName: null, providerIcon: null, synced: false, backupEligible: false, transports: ['usb', 'nfc'] });
    const list = expectOk(await client.listPasskeys());
    expect(list.passkeys).toEqual([passkey]);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, without Secure on http, and stores only its hash', async () => {
    const { result, user } = await signUp();
    expect(result.setCookies).toHaveLength(1);
    const cookie = parseSetCookie(result.setCookies[0]!);
    expect(cookie.name).toBe(`lk_session_${communities.main}`);
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes.httponly).toBe(true);
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax');
    expect(cookie.attributes.path).toBe('/');
    expect(cookie.attributes).not.toHaveProperty('secure');
    expect(cookie.attributes).not.toHaveProperty('domain');
    const expires = new Date(String(cookie.attributes.expires)).getTime();
    expect(Math.abs(expires - (Date.now() + 12 * 3600_000))).toBeLessThan(5 * 60_000);

    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.tokenHash).toBe(crypto.createHash('sha256').update(cookie.value).digest('hex'));
    expect(await db.session.count({ where: { tokenHash: cookie.value } })).toBe(0);
  });

  it('GET passkeys answers with the cookie, 401 without it', async () => {
    const { client, passkey } = await signUp();
    const res = await client.listPasskeys();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.data).toEqual({ passkeys: [passkey] });
    expectHostedError(await client.listPasskeys({ noCookies: true }), 401, 'auth.unauthenticated');
  });

  it('refuses a taken username (case-insensitively) before any ceremony', async () => {
    const { username } = await signUp();
    const before = await db.ceremony.count();
    await expectRefusedUnchanged(() => hosted().registrationOptions({ username: username.toUpperCase(), displayName: 'Copycat' }), 409, 'passkeys.username_taken');
    expect(await db.ceremony.count()).toBe(before);
  });
});

describe('sign-out', () => {
  it('revokes the session: the cookie is cleared and the old token no longer works', async () => {
    const { client, user } = await signUp();
    const token = client.sessionToken()!;
    expect((await client.listPasskeys()).status).toBe(200);

    const res = await client.logout();
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ redirectTo: `/c/${communities.main}/login` });
    expect(res.setCookies).toHaveLength(1);
    const cleared = parseSetCookie(res.setCookies[0]!);
    expect(cleared).toMatchObject({ name: `lk_session_${communities.main}`, value: '' });
    expect(cleared.attributes['max-age'] === '0' || new Date(String(cleared.attributes.expires)).getTime() <= Date.now()).toBe(true);
    expect(client.sessionToken()).toBeUndefined();

    const session = await db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.revokedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { type: 'sessions.signed_out', subject: session.id } })).toBe(1);

    // Replaying the old cookie (a stolen copy) gets nothing.
    client.jar.set(client.cookieName, token);
    expectHostedError(await client.listPasskeys(), 401, 'auth.unauthenticated');
    // Signing out again is harmless.
    expect((await client.logout()).status).toBe(200);
    expect(await db.auditEvent.count({ where: { type: 'sessions.signed_out', subject: session.id } })).toBe(1);
  });
});

describe('sign-in', () => {
  it('usernameless: empty allowCredentials; updates counter and last use; opens a session', async () => {
    const { authenticator, user, passkey } = await signUp();
    const client = hosted();
    const started = new Date();
    const { options, result } = await client.signIn(authenticator);
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'preferred', allowCredentials: [] });
    expect(result.status).toBe(200);
    expect(Object.keys(result.data).sort()).toEqual(['proof_of_authentication_jwt', 'redirectTo', 'user']);
    expect(result.data.user).toEqual(user);
    expect(result.data.redirectTo).toBe(`/c/${communities.main}/account`);
    expect(result.setCookies.map((c) => parseSetCookie(c).name)).toEqual([`lk_session_${communities.main}`]);

    const row = await passkeyRow(passkey.id);
    expect(row.signCount).toBe(1);
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    const sessions = await db.session.findMany({ where: { userId: user.id, revokedAt: null }, orderBy: { createdAt: 'asc' } });
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.amr).toEqual(['pop', 'swk', 'user', 'mfa']);
    expect(sessions[1]!.aal).toBe(2);

    const list = expectOk(await client.listPasskeys());
    expect(list.passkeys).toEqual([{ ...passkey, lastUsedAt: row.lastUsedAt!.toISOString() }]);
  });

  it('username-first: allowCredentials lists the user\'s passkeys with transports; an unknown username gets a stable decoy of the same shape', async () => {
    const first = await signUp();
    const second = authenticatorOf({ attachment: 'cross-platform', transports: ['usb', 'nfc'], alg: COSE_ALG.EdDSA, aaguid: ZERO_AAGUID, backupEligible: false, backupState: false });
    const added = await first.client.register(second);
    expect(added.result.status).toBe(200);

    const known = expectOk(await hosted().authenticationOptions({ username: first.username }));
    expect(known.options.allowCredentials).toHaveLength(2);
    expect(known.options.allowCredentials).toEqual(
      expect.arrayContaining([
        { id: first.credentialId, type: 'public-key', transports: ['internal', 'hybrid'] },
        { id: added.response.id, type: 'public-key', transports: ['usb', 'nfc'] },
      ]),
    );
    const nobody = uniqueName('nobody');
    const unknown = expectOk(await hosted().authenticationOptions({ username: nobody }));
    expect(Object.keys(unknown.options).sort()).toEqual(Object.keys(known.options).sort());
    expect(unknown.options.allowCredentials).toEqual([{ id: expect.stringMatching(/^[\w-]{43}$/), type: 'public-key', transports: ['internal', 'hybrid'] }]);
    expect(expectOk(await hosted().authenticationOptions({ username: nobody })).options.allowCredentials).toEqual(unknown.options.allowCredentials);
    expect(unknown.options.challenge).not.toBe(known.options.challenge);

    // The second passkey signs in through the username-first ceremony.
    const signIn = await hosted().signIn(second, { username: first.username });
    expect(signIn.result.status).toBe(200);
    expect(signIn.result.data.user.id).toBe(first.user.id);
  });

  it('proof_of_authentication_jwt verifies with the community JWKS and carries who, how, when and with what', async () => {
    const { authenticator, user, username, credentialId } = await signUp();
    const before = Math.floor(Date.now() / 1000);
    const { result } = await hosted().signIn(authenticator);
    const after = Math.ceil(Date.now() / 1000);
    const jwt = expectOk(result).proof_of_authentication_jwt;

    const issuer = `${baseUrl}/c/${communities.main}`;
    const jwksUrl = new URL(`${issuer}/.well-known/jwks.json`);
    const jwksRes = await fetch(jwksUrl);
    expect(jwksRes.status).toBe(200);
    const jwks = (await jwksRes.json()) as { keys: Record<string, unknown>[] };
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');

    const { payload, protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(jwksUrl), { issuer, audience: issuer, algorithms: ['ES256'] });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: expect.any(String) });
    expect(jwks.keys.map((k) => k.kid)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({
      sub: user.id,
      username,
      community: communities.main,
      tenant: tenantId,
      amr: ['pop', 'swk', 'user', 'mfa'],
      aaguid: ICLOUD,
      cid: credentialId,
      jti: expect.any(String),
    });
    expect(payload.auth_time).toBeGreaterThanOrEqual(before - 1);
    expect(payload.auth_time).toBeLessThanOrEqual(after);
    expect(payload.exp! - payload.iat!).toBe(300);

    // Another community's keys do not verify it.
    const otherJwks = await (await fetch(`${baseUrl}/c/${communities.other}/.well-known/jwks.json`)).json();
    expect(otherJwks.keys.map((k: { kid: string }) => k.kid)).not.toContain(decodeProtectedHeader(jwt).kid);
    await expect(jwtVerify(jwt, createLocalJWKSet(otherJwks), { algorithms: ['ES256'] })).rejects.toThrow();
  });

  it('a synced passkey that always reports counter 0 is accepted repeatedly', async () => {
    const { authenticator, passkey } = await signUp({ authenticator: { counter: 'zero' } });
    let lastUsed = 0;
    for (let i = 0; i < 3; i++) {
      const { response, result } = await hosted().signIn(authenticator);
      expect(result.status).toBe(200);
      expect(Buffer.from(response.response.authenticatorData, 'base64url').readUInt32BE(33)).toBe(0);
      const row = await passkeyRow(passkey.id);
      expect(row.signCount).toBe(0);
      expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(lastUsed);
      lastUsed = row.lastUsedAt!.getTime();
    }
  });

  it('requests without an Origin header (non-browser clients) are served', async () => {
    const { authenticator, user } = await signUp();
    const client = hosted(communities.main, null);
    const { result } = await client.signIn(authenticator);
    expect(result.status).toBe(200);
    expect(result.data.user).toEqual(user);
    expect((await client.logout()).status).toBe(200);
  });
});

describe('managing passkeys', () => {
  it('adds a second passkey while signed in: excludeCredentials lists the first; no new account or session', async () => {
    const first = await signUp();
    const usersBefore = await db.user.count({ where: { communityId: communities.main } });
    const sessionsBefore = await db.session.count({ where: { userId: first.user.id } });
    const key = authenticatorOf({ attachment: 'cross-platform', transports: ['usb'], aaguid: ZERO_AAGUID, backupEligible: false, backupState: false });

    const { options, result } = await first.client.register(key, {});
    expect(options.user).toMatchObject({ name: first.username, id: first.userHandle });
    expect(options.excludeCredentials).toEqual([{ id: first.credentialId, type: 'public-key', transports: ['internal', 'hybrid'] }]);
    expect(result.status).toBe(200);
    expect(result.data.user).toEqual(first.user);
    expect(result.data.passkey).toMatchObject({ name: 'Passkey', synced: false, backupEligible: false, transports: ['usb'] });
    expect(result.setCookies).toEqual([]);
    expect(await db.user.count({ where: { communityId: communities.main } })).toBe(usersBefore);
    expect(await db.session.count({ where: { userId: first.user.id } })).toBe(sessionsBefore);
    expect(await db.auditEvent.count({ where: { type: 'passkeys.registered', subject: result.data.passkey.id } })).toBe(1);

    const list = expectOk(await first.client.listPasskeys());
    expect(list.passkeys.map((p) => p.id)).toEqual([result.data.passkey.id, first.passkey.id]);
  });

  it('refuses to register a credential ID that is already registered (409), changing nothing', async () => {
    const first = await signUp();
    const clone = authenticatorOf();
    await expectRefusedUnchanged(async () => (await first.client.register(clone, {}, { credentialId: first.credentialId, ignoreExcludeCredentials: true })).result, 409, 'passkeys.credential_exists');
  });

  it('renames a passkey; an empty or too long name is a validation error', async () => {
    const { client, passkey } = await signUp();
    const res = await client.renamePasskey(passkey.id, '  Work laptop  ');
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ passkey: { ...passkey, name: 'Work laptop' } });
    expect((await passkeyRow(passkey.id)).name).toBe('Work laptop');
    expect(await db.auditEvent.count({ where: { type: 'passkeys.renamed', subject: passkey.id } })).toBe(1);

    for (const bad of ['   ', 'x'.repeat(65), 42, null]) {
      const refused = await expectRefusedUnchanged(() => client.renamePasskey(passkey.id, bad), 400, 'request.validation_failed');
      expect((refused.body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('name');
    }
    expect((await passkeyRow(passkey.id)).name).toBe('Work laptop');
  });

  it('deletes a passkey; another user\'s passkey or an unknown id is 404 and nothing changes', async () => {
    const alice = await signUp();
    const bob = await signUp();
    const other = await signUp({ communityId: communities.other });

    for (const id of [bob.passkey.id, other.passkey.id, 'no-such-passkey']) {
      await expectRefusedUnchanged(() => alice.client.deletePasskey(id), 404, 'passkeys.not_found', [communities.main, communities.other]);
      await expectRefusedUnchanged(() => alice.client.renamePasskey(id, 'mine now'), 404, 'passkeys.not_found', [communities.main, communities.other]);
    }
    expect((await passkeyRow(bob.passkey.id)).name).toBe(bob.passkey.name);

    const res = await alice.client.deletePasskey(alice.passkey.id);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(await db.passkey.count({ where: { id: alice.passkey.id } })).toBe(0);
    expect(expectOk(await alice.client.listPasskeys()).passkeys).toEqual([]);
    expect(await db.auditEvent.count({ where: { type: 'passkeys.deleted', subject: alice.passkey.id } })).toBe(1);
    // Deleting it again is a 404, not a 204.
    expectHostedError(await alice.client.deletePasskey(alice.passkey.id), 404, 'passkeys.not_found');
    // The deleted passkey no longer signs in.
    expectHostedError((await hosted().signIn(alice.authenticator)).result, 401, 'passkeys.unknown_credential');
  });

  it('management without a session is 401: no cookie, a revoked cookie, or another community\'s cookie', async () => {
    const { client, passkey } = await signUp();
    const token = client.sessionToken()!;
    const anonymous = hosted();
    const act = (c: THostedClient) => [() => c.listPasskeys(), () => c.renamePasskey(passkey.id, 'stolen'), () => c.deletePasskey(passkey.id)];
    for (const call of act(anonymous)) await expectRefusedUnchanged(call, 401, 'auth.unauthenticated');

    // The main community's session token presented to another community under that community's cookie name.
    const elsewhere = hosted(communities.other);
    elsewhere.jar.set(elsewhere.cookieName, token);
    for (const call of act(elsewhere)) await expectRefusedUnchanged(call, 401, 'auth.unauthenticated', [communities.main, communities.other]);

    expect((await client.logout()).status).toBe(200);
    client.jar.set(client.cookieName, token);
    for (const call of act(client)) await expectRefusedUnchanged(call, 401, 'auth.unauthenticated');
    expect(await db.passkey.count({ where: { id: passkey.id, name: passkey.name } })).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Attacks: each refused with an exact 4xx in the hosted format, and nothing changed.
// ---------------------------------------------------------------------------------------------

describe('attacks on registration', () => {
  function signUpOptions(communityId = communities.main) {
    const client = hosted(communityId);
    const username = uniqueName('mallory');
    return { client, username, options: async () => expectOk(await client.registrationOptions({ username, displayName: 'Mallory' })).options };
  }

  it('a replayed sign-up response is refused; the account exists once', async () => {
    const { client, username, options } = signUpOptions();
    const creation = await options();
    const response = authenticatorOf().register(creation, { origin: baseUrl });
    expect((await client.registrationVerify(response)).status).toBe(200);
    expect(await ceremonyExists(creation.challenge)).toBe(false);
    await expectRefusedUnchanged(() => hosted().registrationVerify(response), 400, 'passkeys.challenge_invalid');
    expect(await db.user.count({ where: { communityId: communities.main, username } })).toBe(1);
  });

  it('the same sign-up response sent twice at once: exactly one account', async () => {
    const { username, options } = signUpOptions();
    const creation = await options();
    const response = authenticatorOf().register(creation, { origin: baseUrl });
    const results = await Promise.all([hosted().registrationVerify(response), hosted().registrationVerify(response)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expectHostedError(results.find((r) => r.status === 400)!, 400, 'passkeys.challenge_invalid');
    expect(await db.user.count({ where: { communityId: communities.main, username } })).toBe(1);
    expect(await db.passkey.count({ where: { communityId: communities.main, credentialId: response.id } })).toBe(1);
  });

  it('two sign-ups racing for one username: the second is refused (409) and creates nothing', async () => {
    const username = uniqueName('race');
    const first = hosted();
    const second = hosted();
    // Both ceremonies start while the name is free.
    const a = expectOk(await first.registrationOptions({ username, displayName: 'First' })).options;
    const b = expectOk(await second.registrationOptions({ username, displayName: 'Second' })).options;
    expect((await first.registrationVerify(authenticatorOf().register(a, { origin: baseUrl }))).status).toBe(200);
    await expectRefusedUnchanged(() => second.registrationVerify(authenticatorOf().register(b, { origin: baseUrl })), 409, 'passkeys.username_taken');
    expect(await db.user.findMany({ where: { communityId: communities.main, username }, select: { displayName: true } })).toEqual([{ displayName: 'First' }]);
  });

  it('an expired challenge is refused (and used up)', async () => {
    const { client, options } = signUpOptions();
    const creation = await options();
    await expireCeremony(creation.challenge);
    const response = authenticatorOf().register(creation, { origin: baseUrl });
    await expectRefusedUnchanged(() => client.registrationVerify(response), 400, 'passkeys.challenge_expired');
    expect(await ceremonyExists(creation.challenge)).toBe(false);
    await expectRefusedUnchanged(() => client.registrationVerify(response), 400, 'passkeys.challenge_invalid');
  });

  const TAMPERED: [string, Partial<TRegisterOptions>][] = [
    ['wrong origin', { origin: EVIL_ORIGIN }],
    ['same host, other port', { origin: `http://localhost:${Number(new URL(baseUrl).port) + 1}` }],
    ['wrong rpId', { rpId: 'evil.example' }],
    ['crossOrigin: true', { crossOrigin: true }],
    ['crossOrigin with a topOrigin', { crossOrigin: true, topOrigin: EVIL_ORIGIN }],
    ['topOrigin without crossOrigin', { topOrigin: baseUrl }],
    ['wrong client data type', { type: 'webauthn.get' }],
    ['tampered packed attestation signature', { fmt: 'packed', tamperSignature: true }],
    ['packed attestation alg other than the key\'s', { fmt: 'packed', attestationAlg: COSE_ALG.RS256 }],
    ['user not present', { flags: { up: false } }],
  ];
  it.each(TAMPERED)('%s is refused; no account, no session; the challenge is used up', async (_name, ceremony) => {
    const { client, username, options } = signUpOptions();
    const creation = await options();
    const authenticator = authenticatorOf();
    await expectRefusedUnchanged(() => client.registrationVerify(authenticator.register(creation, { origin: baseUrl, ...ceremony })), 400, 'passkeys.verification_failed');
    expect(await db.user.count({ where: { communityId: communities.main, username } })).toBe(0);
    expect(await ceremonyExists(creation.challenge)).toBe(false);
    // The honest retry of the same challenge fails too: a challenge is answered once.
    await expectRefusedUnchanged(() => client.registrationVerify(authenticatorOf().register(creation, { origin: baseUrl })), 400, 'passkeys.challenge_invalid');
  });

  it('a deny-listed AAGUID cannot register (403), another AAGUID can', async () => {
    const { client, username, options } = signUpOptions(communities.deny);
    const creation = await options();
    const denied = createSoftAuthenticator({ aaguid: DENIED_AT_REGISTRATION });
    await expectRefusedUnchanged(() => client.registrationVerify(denied.register(creation, { origin: baseUrl })), 403, 'passkeys.authenticator_not_allowed', [communities.deny]);
    expect(await db.user.count({ where: { communityId: communities.deny, username } })).toBe(0);
    const ok = await signUp({ communityId: communities.deny, authenticator: { aaguid: ICLOUD } });
    expect(ok.passkey.aaguid).toBe(ICLOUD);
  });

  it('user verification required: a response without UV is refused', async () => {
    const { client, username, options } = signUpOptions(communities.uv);
    const creation = await options();
    expect(creation.authenticatorSelection?.userVerification).toBe('required');
    await expectRefusedUnchanged(
      () => client.registrationVerify(authenticatorOf({ userVerification: false }).register(creation, { origin: baseUrl })),
      400,
      'passkeys.verification_failed',
      [communities.uv],
    );
    expect(await db.user.count({ where: { communityId: communities.uv, username } })).toBe(0);
  });

  it('a challenge of another community is refused', async () => {
    const { options } = signUpOptions(communities.other);
    const creation = await options();
    await expectRefusedUnchanged(
      () => hosted().registrationVerify(authenticatorOf().register(creation, { origin: baseUrl })),
      400,
      'passkeys.challenge_invalid',
      [communities.main, communities.other],
    );
  });

  it('a sign-up challenge answered while signed in as someone else does not add a passkey to them', async () => {
    const victim = await signUp();
    const { options } = signUpOptions();
    const creation = await options();
    await expectRefusedUnchanged(() => victim.client.registrationVerify(authenticatorOf().register(creation, { origin: baseUrl })), 400, 'passkeys.challenge_invalid');
  });

  it('an add-passkey challenge answered signed out does not create a passkey for the user', async () => {
    const victim = await signUp();
    const creation = expectOk(await victim.client.registrationOptions({})).options;
    await expectRefusedUnchanged(() => hosted().registrationVerify(authenticatorOf().register(creation, { origin: baseUrl })), 400, 'passkeys.challenge_invalid');
  });

  it('sign-up in an unknown community is 404', async () => {
    await expectRefusedUnchanged(() => hosted('no-such-community').registrationOptions({ username: uniqueName(), displayName: 'X' }), 404, 'tenancy.community_not_found');
  });
});

describe('attacks on sign-in', () => {
  /** A signed-up user whose passkey has signed in once (signCount 1, lastUsedAt set). */
  async function victim(options: Parameters<typeof signUp>[0] = {}) {
    const v = await signUp({ ...options, authenticator: { counter: 'increment', ...options.authenticator } });
    expect((await hosted(v.communityId).signIn(v.authenticator)).result.status).toBe(200);
    const row = await passkeyRow(v.passkey.id);
    expect(row.signCount).toBe(1);
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    return v;
  }

  it('a replayed assertion (same response twice) is refused', async () => {
    const v = await victim();
    const client = hosted();
    const requestOptions = expectOk(await client.authenticationOptions()).options;
    const response = v.authenticator.authenticate(requestOptions, { origin: baseUrl });
    expect((await client.authenticationVerify(response)).status).toBe(200);
    await expectRefusedUnchanged(() => hosted().authenticationVerify(response), 400, 'passkeys.challenge_invalid');
    expect((await passkeyRow(v.passkey.id)).signCount).toBe(2);
  });

  it('the same assertion sent twice at once: exactly one sign-in', async () => {
    const v = await victim();
    const requestOptions = expectOk(await hosted().authenticationOptions()).options;
    const response = v.authenticator.authenticate(requestOptions, { origin: baseUrl });
    const sessionsBefore = await db.session.count({ where: { userId: v.user.id } });
    const results = await Promise.all([hosted().authenticationVerify(response), hosted().authenticationVerify(response)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expectHostedError(results.find((r) => r.status === 400)!, 400, 'passkeys.challenge_invalid');
    expect(await db.session.count({ where: { userId: v.user.id } })).toBe(sessionsBefore + 1);
    expect((await passkeyRow(v.passkey.id)).signCount).toBe(2);
  });

  it('two assertions with the same counter value (a cloned authenticator) sent at once: exactly one is accepted', async () => {
    const v = await victim();
    const [o1, o2] = await Promise.all([hosted().authenticationOptions(), hosted().authenticationOptions()]);
    const r1 = v.authenticator.authenticate(expectOk(o1).options, { origin: baseUrl, counter: 2 });
    const r2 = v.authenticator.authenticate(expectOk(o2).options, { origin: baseUrl, counter: 2 });
    const sessionsBefore = await db.session.count({ where: { userId: v.user.id } });
    const results = await Promise.all([hosted().authenticationVerify(r1), hosted().authenticationVerify(r2)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    expectHostedError(results.find((r) => r.status === 400)!, 400, 'passkeys.verification_failed');
    expect(await db.session.count({ where: { userId: v.user.id } })).toBe(sessionsBefore + 1);
    expect((await passkeyRow(v.passkey.id)).signCount).toBe(2);
  });

  it('an expired challenge is refused (and used up)', async () => {
    const v = await victim();
    const client = hosted();
    const requestOptions = expectOk(await client.authenticationOptions()).options;
    await expireCeremony(requestOptions.challenge);
    await expectRefusedUnchanged(() => client.authenticationVerify(v.authenticator.authenticate(requestOptions, { origin: baseUrl })), 400, 'passkeys.challenge_expired');
    expect(await ceremonyExists(requestOptions.challenge)).toBe(false);
  });

  const TAMPERED: [string, Partial<TAuthenticateOptions>][] = [
    ['wrong origin', { origin: EVIL_ORIGIN }],
    ['same host, other port', { origin: `http://localhost:${Number(new URL(baseUrl).port) + 1}` }],
    ['wrong rpId', { rpId: 'evil.example' }],
    ['crossOrigin: true', { crossOrigin: true }],
    ['crossOrigin with a topOrigin', { crossOrigin: true, topOrigin: EVIL_ORIGIN }],
    ['topOrigin without crossOrigin', { topOrigin: baseUrl }],
    ['wrong client data type', { type: 'webauthn.create' }],
    ['tampered signature', { tamperSignature: true }],
    ['user not present', { flags: { up: false } }],
    ['backup eligibility flipped', { flags: { be: false, bs: false } }],
  ];
  it.each(TAMPERED)('%s is refused; counter, last use and sessions unchanged', async (_name, ceremony) => {
    const v = await victim();
    const client = hosted();
    const requestOptions = expectOk(await client.authenticationOptions()).options;
    const response = v.authenticator.authenticate(requestOptions, { origin: baseUrl, ...ceremony });
    await expectRefusedUnchanged(() => client.authenticationVerify(response), 400, 'passkeys.verification_failed');
    expect(await ceremonyExists(requestOptions.challenge)).toBe(false);
  });

  it('authenticator data edited after signing (a raised counter) is refused', async () => {
    const v = await victim();
    const client = hosted();
    const requestOptions = expectOk(await client.authenticationOptions()).options;
    const response = v.authenticator.authenticate(requestOptions, { origin: baseUrl });
    const authData = Buffer.from(response.response.authenticatorData, 'base64url');
    authData[35] = 0x7f; // signCount is bytes 33..36 (§6.1)
    const edited = { ...response, response: { ...response.response, authenticatorData: authData.toString('base64url') } };
    await expectRefusedUnchanged(() => client.authenticationVerify(edited), 400, 'passkeys.verification_failed');
  });

  it.each([
    ['the same counter again', 1],
    ['a lower counter', 0],
  ])('a counter regression (%s) is refused and audited as passkeys.counter_regression', async (_name, counter) => {
    const v = await victim();
    const auditBefore = await db.auditEvent.count({ where: { type: 'passkeys.counter_regression', subject: v.passkey.id } });
    await expectRefusedUnchanged(async () => (await hosted().signIn(v.authenticator, {}, { counter })).result, 400, 'passkeys.verification_failed');
    const events = await db.auditEvent.findMany({ where: { type: 'passkeys.counter_regression', subject: v.passkey.id } });
    expect(events).toHaveLength(auditBefore + 1);
    expect(events.at(-1)).toMatchObject({ result: 'failure', communityId: communities.main, actor: `user:${v.user.id}`, detail: { code: 'passkeys.verification_failed' } });
    // The genuine authenticator, counting on, still signs in.
    expect((await hosted().signIn(v.authenticator)).result.status).toBe(200);
    const current = v.authenticator.credentials[0]!.counter;
    expect(current).toBeGreaterThan(1);
    expect((await passkeyRow(v.passkey.id)).signCount).toBe(current);
  });

  it('an unknown credential is refused (401)', async () => {
    await victim();
    const stranger = authenticatorOf();
    stranger.createCredential({ rpId: 'localhost' });
    await expectRefusedUnchanged(async () => (await hosted().signIn(stranger)).result, 401, 'passkeys.unknown_credential');
  });

  it('a credential registered in another community with the same rpId is unknown here (401)', async () => {
    const elsewhere = await victim({ communityId: communities.other });
    await expectRefusedUnchanged(async () => (await hosted().signIn(elsewhere.authenticator)).result, 401, 'passkeys.unknown_credential', [communities.main, communities.other]);
    // A challenge of the main community answered at the other community's endpoint is refused as well.
    const requestOptions = expectOk(await hosted().authenticationOptions()).options;
    await expectRefusedUnchanged(
      () => hosted(communities.other).authenticationVerify(elsewhere.authenticator.authenticate(requestOptions, { origin: baseUrl })),
      400,
      'passkeys.challenge_invalid',
      [communities.main, communities.other],
    );
  });

  it('a deny-listed AAGUID cannot sign in (403) though it registered', async () => {
    const v = await signUp({ communityId: communities.deny, authenticator: { aaguid: DENIED_AT_AUTHENTICATION } });
    const before = (await passkeyRow(v.passkey.id)).lastUsedAt;
    await expectRefusedUnchanged(async () => (await hosted(communities.deny).signIn(v.authenticator)).result, 403, 'passkeys.authenticator_not_allowed', [communities.deny]);
    expect((await passkeyRow(v.passkey.id)).lastUsedAt).toEqual(before);
  });

  it('user verification required: an assertion without UV is refused, one with UV accepted', async () => {
    const v = await signUp({ communityId: communities.uv });
    const client = hosted(communities.uv);
    const requestOptions = expectOk(await client.authenticationOptions()).options;
    expect(requestOptions.userVerification).toBe('required');
    await expectRefusedUnchanged(
      () => client.authenticationVerify(v.authenticator.authenticate(requestOptions, { origin: baseUrl, userVerified: false })),
      400,
      'passkeys.verification_failed',
      [communities.uv],
    );
    expect((await client.signIn(v.authenticator)).result.status).toBe(200);
  });

  it('a userHandle that belongs to another user is refused', async () => {
    const v = await victim();
    const other = await signUp();
    await expectRefusedUnchanged(async () => (await hosted().signIn(v.authenticator, {}, { userHandle: other.userHandle })).result, 400, 'passkeys.verification_failed');
  });

  it('a username-first ceremony answered with another user\'s passkey is refused', async () => {
    const v = await victim();
    const other = await signUp();
    const requestOptions = expectOk(await hosted().authenticationOptions({ username: v.username })).options;
    await expectRefusedUnchanged(
      () => hosted().authenticationVerify(other.authenticator.authenticate(requestOptions, { origin: baseUrl, credentialId: other.credentialId })),
      400,
      'passkeys.verification_failed',
    );
  });

  it('a registration challenge cannot be used to sign in', async () => {
    const v = await victim();
    const creation = expectOk(await hosted().registrationOptions({ username: uniqueName(), displayName: 'X' })).options;
    const requestOptions = { challenge: creation.challenge, rpId: 'localhost', allowCredentials: [] };
    await expectRefusedUnchanged(() => hosted().authenticationVerify(v.authenticator.authenticate(requestOptions, { origin: baseUrl })), 400, 'passkeys.challenge_invalid');
  });
});

describe('cross-origin ceremonies where the community allows them', () => {
  it('a listed top origin is accepted; another top origin is refused', async () => {
    const v = await signUp({ communityId: communities.crossOrigin, ceremony: { crossOrigin: true, topOrigin: ALLOWED_TOP_ORIGIN } });
    const client = hosted(communities.crossOrigin);
    expect((await client.signIn(v.authenticator, {}, { crossOrigin: true, topOrigin: ALLOWED_TOP_ORIGIN })).result.status).toBe(200);
    await expectRefusedUnchanged(
      async () => (await client.signIn(v.authenticator, {}, { crossOrigin: true, topOrigin: EVIL_ORIGIN })).result,
      400,
      'passkeys.verification_failed',
      [communities.crossOrigin],
    );
    const creation = expectOk(await hosted(communities.crossOrigin).registrationOptions({ username: uniqueName(), displayName: 'X' })).options;
    await expectRefusedUnchanged(
      () => hosted(communities.crossOrigin).registrationVerify(authenticatorOf().register(creation, { origin: baseUrl, crossOrigin: true, topOrigin: EVIL_ORIGIN })),
      400,
      'passkeys.verification_failed',
      [communities.crossOrigin],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Request plumbing: never a 500.
// ---------------------------------------------------------------------------------------------

describe('malformed requests', () => {
  const POSTS = ['registration/options', 'registration/verify', 'authentication/options', 'authentication/verify'];
  const BODY_LIMIT = 256 * 1024;

  it.each(POSTS)('POST %s: malformed JSON 400, wrong content type 415, oversized 413 (declared and streamed)', async (path) => {
    const client = hosted();
    const send = (body: BodyInit, contentType: string | null) => client.request('POST', path, { body, headers: { 'content-type': contentType } });
    await expectRefusedUnchanged(() => send('{"response": {', 'application/json'), 400, 'request.malformed_json');
    await expectRefusedUnchanged(() => send('{"username":"a","displayName":"b"}', 'text/plain'), 415, 'request.unsupported_media_type');
    await expectRefusedUnchanged(() => send('username=a&displayName=b', 'application/x-www-form-urlencoded'), 415, 'request.unsupported_media_type');
    // A binary body gets no Content-Type from fetch.
    await expectRefusedUnchanged(() => send(new TextEncoder().encode('{"username":"a","displayName":"b"}'), null), 415, 'request.unsupported_media_type');
    const big = JSON.stringify({ username: 'a', displayName: 'b', padding: 'x'.repeat(BODY_LIMIT) });
    await expectRefusedUnchanged(() => send(big, 'application/json'), 413, 'request.body_too_large');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    // On a connection of its own: see the keep-alive test below.
    await expectRefusedUnchanged(() => client.request('POST', path, { body: stream, headers: { 'content-type': 'application/json', connection: 'close' } }), 413, 'request.body_too_large');
  });

  // Regression: a 413 for a streamed (chunked) body once left a keep-alive connection dead; the
  // server now drains the rest of the body so the next request on the connection is answered.
  it('after a 413 for a streamed body, the keep-alive connection serves the next request (or the 413 closes it)', async () => {
    const { port } = new URL(baseUrl);
    const path = `/c/${communities.main}/api/authentication/options`;
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('close', () => (closed = true));
    socket.on('error', () => (closed = true));
    const until = async (done: () => boolean, ms: number) => {
      for (const start = Date.now(); !done() && Date.now() - start < ms; ) await new Promise((r) => setTimeout(r, 10));
    };
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x20), Buffer.from('\r\n')]);
    const head = `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    try {
      // 320 KiB, then the rest of the body once the 413 is in, as a client uploading a big body would.
      socket.write(Buffer.concat([Buffer.from(head), chunk, chunk, chunk, chunk, chunk]));
      await until(() => /\r\n\r\n/.test(received) || closed, 5000);
      const first = received;
      expect(first).toMatch(/^HTTP\/1\.1 413 /);
      socket.write(Buffer.concat([chunk, Buffer.from('0\r\n\r\n')]));
      if (/^connection: close\r$/im.test(first)) {
        await until(() => closed, 2000);
        expect(closed).toBe(true);
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
      socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
      await until(() => (received.match(/HTTP\/1\.1 \d{3} /g) ?? []).length >= 2 || closed, 2500);
      expect(received.match(/HTTP\/1\.1 \d{3} /g)).toEqual(['HTTP/1.1 413 ', 'HTTP/1.1 200 ']);
    } finally {
      socket.destroy();
    }
  });

  it('PATCH passkeys/{id}: malformed JSON 400, wrong content type 415, oversized 413', async () => {
    const { client, passkey } = await signUp();
    const send = (body: BodyInit, contentType: string) => client.request('PATCH', `passkeys/${passkey.id}`, { body, headers: { 'content-type': contentType } });
    await expectRefusedUnchanged(() => send('{"name":', 'application/json'), 400, 'request.malformed_json');
    await expectRefusedUnchanged(() => send('{"name":"x"}', 'text/plain'), 415, 'request.unsupported_media_type');
    await expectRefusedUnchanged(() => send(JSON.stringify({ name: 'x'.repeat(BODY_LIMIT) }), 'application/json'), 413, 'request.body_too_large');
  });

  it('missing or invalid fields are 400 request.validation_failed with per-field messages', async () => {
    const client = hosted();
    const fieldsOf = (res: THostedResponse<unknown>) => Object.keys((res.body as { error: { fields?: Record<string, string> } }).error.fields ?? {}).sort();

    let res = await expectRefusedUnchanged(() => client.registrationOptions({}), 400, 'request.validation_failed');
    expect(fieldsOf(res)).toEqual(['displayName', 'username']);
    res = await expectRefusedUnchanged(() => client.registrationOptions({ username: 'no spaces allowed', displayName: 'X' }), 400, 'request.validation_failed');
    expect(fieldsOf(res)).toEqual(['username']);
    res = await expectRefusedUnchanged(() => client.registrationOptions({ username: 'x'.repeat(65), displayName: 'X' }), 400, 'request.validation_failed');
    expect(fieldsOf(res)).toEqual(['username']);
    // An empty body reads as {}.
    await expectRefusedUnchanged(() => client.request('POST', 'registration/options', { headers: { 'content-type': 'application/json' } }), 400, 'request.validation_failed');

    for (const path of ['registration/verify', 'authentication/verify']) {
      await expectRefusedUnchanged(() => client.request('POST', path, { json: {} }), 400, 'request.validation_failed');
      await expectRefusedUnchanged(() => client.request('POST', path, { json: { response: 'nope' } }), 400, 'request.validation_failed');
      res = await expectRefusedUnchanged(() => client.request('POST', path, { json: { response: { id: 'abc', rawId: 'abc', type: 'public-key', response: {} } } }), 400, 'request.validation_failed');
      // Field paths are relative to the credential (the body's `response` member).
      expect(fieldsOf(res)).toContain('response.clientDataJSON');
      res = await expectRefusedUnchanged(() => client.request('POST', path, { json: { response: { id: 'not base64url!', rawId: 'abc', type: 'public-key', response: {} } } }), 400, 'request.validation_failed');
      expect(fieldsOf(res)).toContain('id');
    }
  });

  it('a well-formed response with garbage client data is refused as unverifiable', async () => {
    const v = await signUp();
    const requestOptions = expectOk(await hosted().authenticationOptions()).options;
    const cases: [string, (d: Record<string, unknown>) => Record<string, unknown> | string][] = [
      ['not JSON', () => '{"type":'],
      ['no challenge', (d) => ({ ...d, challenge: undefined })],
      ['challenge of the wrong type', (d) => ({ ...d, challenge: 42 })],
    ];
    for (const [, mutateClientData] of cases) {
      await expectRefusedUnchanged(() => hosted().authenticationVerify(v.authenticator.authenticate(requestOptions, { origin: baseUrl, mutateClientData })), 400, 'passkeys.verification_failed');
    }
    // A challenge nobody issued.
    await expectRefusedUnchanged(
      () => hosted().authenticationVerify(v.authenticator.authenticate(requestOptions, { origin: baseUrl, challenge: crypto.randomBytes(32).toString('base64url') })),
      400,
      'passkeys.challenge_invalid',
    );
  });

  const postJson = (path: string, json: string) => hosted().request('POST', path, { body: json, headers: { 'content-type': 'application/json' } });

  describe.each(['[]', '"text"', '42', 'true'])('a JSON body that is not an object (%s)', (json) => {
    it.each(['registration/options', 'registration/verify', 'authentication/options', 'authentication/verify'])('POST %s is 400 request.validation_failed, never a 500', async (path) => {
      await expectRefusedUnchanged(() => postJson(path, json), 400, 'request.validation_failed');
    });
  });

  it('a JSON null body on POST registration/options is 400 request.validation_failed', async () => {
    await expectRefusedUnchanged(() => postJson('registration/options', 'null'), 400, 'request.validation_failed');
  });

  // Regression: these routes once destructured the body and answered `null` with a 500.
  it.each(['registration/verify', 'authentication/options', 'authentication/verify'])('a JSON null body on POST %s is a 400, never a 500', async (path) => {
    expectHostedError(await postJson(path, 'null'), 400, 'request.validation_failed');
  });
});

describe('cross-site requests', () => {
  it.each([EVIL_ORIGIN, 'null', `http://localhost:${Number(new URL(baseUrl).port) + 1}`])('a state-changing request with Origin %s is 403 and changes nothing', async (origin) => {
    const v = await signUp();
    const evil = hosted(communities.main, origin);
    evil.jar.set(evil.cookieName, v.client.sessionToken()!);
    const requestOptions = expectOk(await hosted().authenticationOptions()).options;
    const creation = expectOk(await hosted().registrationOptions({ username: uniqueName(), displayName: 'X' })).options;
    const calls: (() => Promise<THostedResponse<unknown>>)[] = [
      () => evil.registrationOptions({ username: uniqueName(), displayName: 'X' }),
      () => evil.registrationOptions({}),
      () => evil.registrationVerify(authenticatorOf().register(creation, { origin: baseUrl })),
      () => evil.authenticationOptions({}),
      () => evil.authenticationVerify(v.authenticator.authenticate(requestOptions, { origin: baseUrl })),
      () => evil.logout(),
      () => evil.renamePasskey(v.passkey.id, 'pwned'),
      () => evil.deletePasskey(v.passkey.id),
    ];
    for (const call of calls) await expectRefusedUnchanged(call, 403, 'auth.forbidden');
    // The refused verifies did not use up the challenges: they were never looked at.
    expect(await ceremonyExists(requestOptions.challenge)).toBe(true);
    expect(await ceremonyExists(creation.challenge)).toBe(true);
    // The session survived the cross-site sign-out attempt.
    expect((await v.client.listPasskeys()).status).toBe(200);
  });
});
