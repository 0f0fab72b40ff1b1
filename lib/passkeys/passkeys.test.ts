import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { createTenant } from '../tenancy/create-tenant';
import { createCommunity } from '../tenancy/create-community';
import { createSoftAuthenticator, COSE_ALG, type TSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { startRegistration } from './start-registration';
import { finishRegistration } from './finish-registration';
import { startAuthentication } from './start-authentication';
import { finishAuthentication } from './finish-authentication';
import { deletePasskey, listPasskeys, renamePasskey } from './manage-passkeys';

const ORIGIN = 'https://login.acme.example';
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const decoyKey = Buffer.alloc(32, 9);

describe.each(TEST_PROVIDERS)('passkey ceremonies on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  let otherCommunityId: string;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const tenant = await createTenant({ db, input: { name: 'Acme' }, actor: 'test' });
    const make = (name: string) => createCommunity({ db, input: { tenantId: tenant.id, name, rpId: 'acme.example', origins: [ORIGIN] }, actor: 'test' });
    communityId = (await make('Customers')).id;
    otherCommunityId = (await make('Staff')).id;
  });
  afterAll(async () => close());
  beforeEach(async () => {
    await db.community.updateMany({ data: { aaguidPolicy: {}, userVerification: 'preferred', allowCrossOrigin: false, allowedTopOrigins: [] } });
  });

  let n = 0;
  async function signUp(auth: TSoftAuthenticator, over: { fmt?: 'none' | 'packed'; community?: string; username?: string } = {}) {
    const cid = over.community ?? communityId;
    const username = over.username ?? `user${++n}`;
    const { options } = await startRegistration({ db, communityId: cid, signUp: { username, displayName: `User ${n}` } });
    const response = auth.register(options, { origin: ORIGIN, fmt: over.fmt ?? 'none' });
    return { username, response, result: await finishRegistration({ db, communityId: cid, response }) };
  }
  async function signIn(auth: TSoftAuthenticator, over: Parameters<TSoftAuthenticator['authenticate']>[1] = { origin: ORIGIN }, username?: string, cid = communityId) {
    const { options } = await startAuthentication({ db, communityId: cid, username, decoyKey });
    return { options, response: auth.authenticate(options, { ...over, origin: over.origin }) };
  }

  describe('registration', () => {
    it.each([
      [COSE_ALG.ES256, 'none'],
      [COSE_ALG.EdDSA, 'packed'],
      [COSE_ALG.RS256, 'packed'],
    ] as const)('signs up with alg %i and %s attestation, naming the passkey by AAGUID', async (alg, fmt) => {
      const auth = createSoftAuthenticator({ alg, aaguid: ICLOUD, backupEligible: true, backupState: true });
      const { username, result } = await signUp(auth, { fmt });
      expect(result.created).toBe(true);
      expect(result.user.username).toBe(username);
      expect(result.passkey).toMatchObject({ name: 'iCloud Keychain', providerName: 'iCloud Keychain', aaguid: ICLOUD, synced: true, backupEligible: true });
      const row = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
      expect(row).toMatchObject({ alg, attestationFormat: fmt, attestationTrust: fmt === 'none' ? 'none' : 'self', communityId, signCount: 0 });
      expect(await db.auditEvent.count({ where: { type: 'passkeys.signed_up', subject: row.id } })).toBe(1);
    });

    it('normalises usernames and refuses a taken one', async () => {
      const auth = createSoftAuthenticator();
      await signUp(auth, { username: 'Grace.Hopper' });
      expect(await db.user.count({ where: { username: 'grace.hopper' } })).toBe(1);
      await expect(startRegistration({ db, communityId, signUp: { username: ' GRACE.HOPPER ', displayName: 'G' } })).rejects.toMatchObject({ code: 'passkeys.username_taken', status: 409 });
    });

    it('validates sign-up input', async () => {
      await expect(startRegistration({ db, communityId, signUp: { username: 'bad name!', displayName: '' } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { username: expect.any(String), displayName: expect.any(String) } });
    });

    it('adds a second passkey for a signed-in user, excluding the first', async () => {
      const first = createSoftAuthenticator();
      const { result } = await signUp(first);
      const { options } = await startRegistration({ db, communityId, userId: result.user.id });
      expect(options.excludeCredentials?.map((c) => c.id)).toEqual([result.passkey.id && (await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } })).credentialId]);
      const second = createSoftAuthenticator({ alg: COSE_ALG.EdDSA });
      const added = await finishRegistration({ db, communityId, userId: result.user.id, response: second.register(options, { origin: ORIGIN }) });
      expect(added.created).toBe(false);
      expect(await listPasskeys({ db, owner: { communityId, userId: result.user.id } })).toHaveLength(2);
    });

    it('refuses a ceremony answered by another user or with no user', async () => {
      const { result } = await signUp(createSoftAuthenticator());
      const { options } = await startRegistration({ db, communityId, userId: result.user.id });
      const response = createSoftAuthenticator().register(options, { origin: ORIGIN });
      await expect(finishRegistration({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
      await expect(startRegistration({ db, communityId, userId: 'nobody' })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    });

    it.each([
      ['wrong origin', { origin: 'https://evil.example' }],
      ['wrong rpId', { rpId: 'evil.example' }],
      ['cross-origin', { crossOrigin: true }],
      ['unexpected topOrigin', { topOrigin: 'https://evil.example' }],
    ])('rejects %s with passkeys.verification_failed and creates nothing', async (_label, over) => {
      const users = await db.user.count();
      const { options } = await startRegistration({ db, communityId, signUp: { username: `x${++n}`, displayName: 'X' } });
      const response = createSoftAuthenticator().register(options, { origin: ORIGIN, ...over });
      await expect(finishRegistration({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
      expect(await db.user.count()).toBe(users);
      expect(await db.auditEvent.count({ where: { type: 'passkeys.registration_failed' } })).toBeGreaterThan(0);
    });

    it('accepts an Android app origin listed for the community', async () => {
      const apk = `android:apk-key-hash:${'Q'.repeat(43)}`;
      await db.community.update({ where: { id: otherCommunityId }, data: { origins: [ORIGIN, apk] } });
      const { options } = await startRegistration({ db, communityId: otherCommunityId, signUp: { username: `apk${++n}`, displayName: 'A' } });
      const auth = createSoftAuthenticator();
      await expect(finishRegistration({ db, communityId: otherCommunityId, response: auth.register(options, { origin: apk }) })).resolves.toMatchObject({ created: true });
      const other = `android:apk-key-hash:${'R'.repeat(43)}`;
      const { options: again } = await startRegistration({ db, communityId: otherCommunityId, signUp: { username: `apk${++n}`, displayName: 'B' } });
      await expect(finishRegistration({ db, communityId: otherCommunityId, response: createSoftAuthenticator().register(again, { origin: other }) })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    });

    it('rejects a packed statement whose alg is not the key algorithm', async () => {
      const { options } = await startRegistration({ db, communityId, signUp: { username: `y${++n}`, displayName: 'Y' } });
      const response = createSoftAuthenticator().register(options, { origin: ORIGIN, fmt: 'packed', attestationAlg: COSE_ALG.RS256 });
      await expect(finishRegistration({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    });

    it('rejects a replayed registration response', async () => {
      const auth = createSoftAuthenticator();
      const { response } = await signUp(auth);
      await expect(finishRegistration({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    });

    it('rejects a credential already registered in the community', async () => {
      const auth = createSoftAuthenticator();
      const { response } = await signUp(auth);
      const { options } = await startRegistration({ db, communityId, signUp: { username: `z${++n}`, displayName: 'Z' } });
      const again = createSoftAuthenticator().register(options, { origin: ORIGIN, credentialId: response.id });
      await expect(finishRegistration({ db, communityId, response: again })).rejects.toMatchObject({ code: 'passkeys.credential_exists', status: 409 });
    });

    it('enforces the registration AAGUID deny-list', async () => {
      await db.community.update({ where: { id: communityId }, data: { aaguidPolicy: { registration: { mode: 'deny', aaguids: [ICLOUD] } } } });
      const users = await db.user.count();
      const { options } = await startRegistration({ db, communityId, signUp: { username: `d${++n}`, displayName: 'D' } });
      const response = createSoftAuthenticator({ aaguid: ICLOUD }).register(options, { origin: ORIGIN });
      await expect(finishRegistration({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.authenticator_not_allowed', status: 403 });
      expect(await db.user.count()).toBe(users);
    });

    it('refuses malformed responses', async () => {
      await expect(finishRegistration({ db, communityId, response: { id: 'x' } })).rejects.toMatchObject({ code: 'request.validation_failed' });
      await expect(finishRegistration({ db, communityId, response: undefined })).rejects.toMatchObject({ code: 'request.validation_failed' });
    });
  });

  describe('authentication', () => {
    it('signs in usernameless, updates counter and last use, and returns amr', async () => {
      const auth = createSoftAuthenticator({ aaguid: ICLOUD });
      const { result } = await signUp(auth);
      const { options, response } = await signIn(auth);
      expect(options.allowCredentials).toEqual([]);
      const ok = await finishAuthentication({ db, communityId, response });
      expect(ok).toMatchObject({ user: { id: result.user.id }, userVerified: true, amr: ['pop', 'hwk', 'user', 'mfa'] });
      const row = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
      expect(row.signCount).toBe(1);
      expect(row.lastUsedAt).not.toBeNull();
    });

    it('lists allowCredentials for a username, and the same empty shape for an unknown one', async () => {
      const auth = createSoftAuthenticator({ transports: ['internal', 'hybrid'] });
      const { username } = await signUp(auth);
      const known = await startAuthentication({ db, communityId, username: username.toUpperCase(), decoyKey });
      expect(known.options.allowCredentials).toEqual([{ id: auth.credentials[0]!.id, type: 'public-key', transports: ['internal', 'hybrid'] }]);
      // An unknown username gets a stable decoy credential, shaped like a real one.
      const unknown = await startAuthentication({ db, communityId, username: 'nobody-here', decoyKey });
      expect(unknown.options.allowCredentials).toEqual([{ id: expect.stringMatching(/^[\w-]{43}$/), type: 'public-key', transports: ['internal', 'hybrid'] }]);
      expect(Object.keys(unknown.options).sort()).toEqual(Object.keys(known.options).sort());
      const again = await startAuthentication({ db, communityId, username: 'NOBODY-HERE', decoyKey });
      expect(again.options.allowCredentials).toEqual(unknown.options.allowCredentials);
      const otherKey = await startAuthentication({ db, communityId, username: 'nobody-here', decoyKey: Buffer.alloc(32, 1) });
      expect(otherKey.options.allowCredentials![0]!.id).not.toBe(unknown.options.allowCredentials![0]!.id);
      // Usernameless stays empty.
      expect((await startAuthentication({ db, communityId, decoyKey })).options.allowCredentials).toEqual([]);
    });

    it('refuses a credential of another user when the ceremony named a user', async () => {
      const alice = createSoftAuthenticator();
      const bob = createSoftAuthenticator();
      const a = await signUp(alice);
      await signUp(bob);
      const { options } = await startAuthentication({ db, communityId, username: a.username, decoyKey });
      const response = bob.authenticate({ ...options, allowCredentials: [] }, { origin: ORIGIN });
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    });

    it('keeps synced passkeys that always report counter 0 working', async () => {
      const auth = createSoftAuthenticator({ counter: 'zero', backupEligible: true, backupState: true });
      await signUp(auth);
      for (let i = 0; i < 3; i++) {
        const { response } = await signIn(auth);
        await expect(finishAuthentication({ db, communityId, response })).resolves.toMatchObject({ amr: ['pop', 'swk', 'user', 'mfa'] });
      }
    });

    it('rejects a sign-counter regression, changes nothing and writes an audit event', async () => {
      const auth = createSoftAuthenticator();
      const { result } = await signUp(auth);
      await finishAuthentication({ db, communityId, response: (await signIn(auth)).response });
      await finishAuthentication({ db, communityId, response: (await signIn(auth)).response });
      const before = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
      const { response } = await signIn(auth, { origin: ORIGIN, counter: 1 });
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
      expect(await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } })).toEqual(before);
      expect(await db.auditEvent.count({ where: { type: 'passkeys.counter_regression', subject: result.passkey.id } })).toBe(1);
    });

    it.each([
      ['replayed challenge', 'passkeys.challenge_invalid'],
      ['tampered signature', 'passkeys.verification_failed'],
      ['wrong origin', 'passkeys.verification_failed'],
      ['wrong rpId', 'passkeys.verification_failed'],
      ['cross-origin', 'passkeys.verification_failed'],
      ['foreign userHandle', 'passkeys.verification_failed'],
      ['changed backup eligibility', 'passkeys.verification_failed'],
    ])('rejects %s with %s and changes nothing', async (label, code) => {
      const auth = createSoftAuthenticator();
      const { result } = await signUp(auth);
      const before = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
      let response;
      if (label === 'replayed challenge') {
        response = (await signIn(auth)).response;
        await finishAuthentication({ db, communityId, response });
      } else {
        const over = {
          'tampered signature': { tamperSignature: true },
          'wrong origin': { origin: 'https://evil.example' },
          'wrong rpId': { rpId: 'evil.example' },
          'cross-origin': { crossOrigin: true, topOrigin: 'https://evil.example' },
          'foreign userHandle': { userHandle: Buffer.from('someone else').toString('base64url') },
          'changed backup eligibility': { flags: { be: true } },
        }[label]!;
        response = (await signIn(auth, { origin: ORIGIN, ...over })).response;
      }
      const snapshot = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code });
      expect(await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } })).toEqual(label === 'replayed challenge' ? snapshot : before);
    });

    it('rejects an expired challenge', async () => {
      const auth = createSoftAuthenticator();
      await signUp(auth);
      const { response } = await signIn(auth);
      await expect(finishAuthentication({ db, communityId, response, now: new Date(Date.now() + 10 * 60_000) })).rejects.toMatchObject({ code: 'passkeys.challenge_expired' });
    });

    it('treats a credential of another community as unknown', async () => {
      const auth = createSoftAuthenticator();
      await signUp(auth, { community: otherCommunityId });
      const { response } = await signIn(auth);
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.unknown_credential', status: 401 });
    });

    it('requires user verification when the community does', async () => {
      const auth = createSoftAuthenticator();
      await signUp(auth);
      await db.community.update({ where: { id: communityId }, data: { userVerification: 'required' } });
      const { response } = await signIn(auth, { origin: ORIGIN, userVerified: false });
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    });

    it('accepts a listed top origin when the community allows cross-origin use', async () => {
      const auth = createSoftAuthenticator();
      await signUp(auth);
      await db.community.update({ where: { id: communityId }, data: { allowCrossOrigin: true, allowedTopOrigins: ['https://shop.example'] } });
      const { response } = await signIn(auth, { origin: ORIGIN, crossOrigin: true, topOrigin: 'https://shop.example' });
      await expect(finishAuthentication({ db, communityId, response })).resolves.toMatchObject({ userVerified: true });
    });

    it('enforces the authentication AAGUID policy separately from registration', async () => {
      const auth = createSoftAuthenticator({ aaguid: ICLOUD });
      await signUp(auth);
      await db.community.update({ where: { id: communityId }, data: { aaguidPolicy: { registration: { mode: 'any', aaguids: [] }, authentication: { mode: 'deny', aaguids: [ICLOUD] } } } });
      const { response } = await signIn(auth);
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.authenticator_not_allowed' });
    });

    it('refuses a disabled user', async () => {
      const auth = createSoftAuthenticator();
      const { result } = await signUp(auth);
      await db.user.update({ where: { id: result.user.id }, data: { status: 'disabled' } });
      const { response } = await signIn(auth);
      await expect(finishAuthentication({ db, communityId, response })).rejects.toMatchObject({ code: 'passkeys.user_disabled', status: 403 });
    });
  });

  describe('surface extensions (transactions, conditional create, hooks)', () => {
    const commitment = (text: string) => new Uint8Array(crypto.createHash('sha256').update(text).digest());

    it('runs a transaction ceremony over a given challenge for a resolved user, listing no credentials', async () => {
      const auth = createSoftAuthenticator();
      const { result } = await signUp(auth);
      const bytes = commitment(`pay 10 EUR ${n}`);
      const { options } = await startAuthentication({ db, communityId, decoyKey, kind: 'transaction', challenge: bytes, userId: result.user.id, ttlMs: 60_000, context: { txId: 'tx-1' } });
      expect(options.challenge).toBe(Buffer.from(bytes).toString('base64url'));
      expect(options.allowCredentials).toEqual([]);
      const ceremony = await db.ceremony.findUniqueOrThrow({ where: { challenge: options.challenge } });
      expect(ceremony).toMatchObject({ kind: 'transaction', userId: result.user.id });
      expect(ceremony.expiresAt.getTime() - ceremony.createdAt.getTime()).toBe(60_000);
      const response = auth.authenticate(options, { origin: ORIGIN });
      const seen: unknown[] = [];
      const ok = await finishAuthentication({
        db,
        communityId,
        response,
        kind: 'transaction',
        expectedChallenge: options.challenge,
        onVerified: async (tx, verified) => {
          seen.push(verified.context, await tx.passkey.count({ where: { id: result.passkey.id, signCount: 1 } }));
        },
      });
      expect(ok.user.id).toBe(result.user.id);
      // The hook ran inside the transaction: it already saw the new counter.
      expect(seen).toEqual([{ txId: 'tx-1' }, 1]);
      expect(await db.auditEvent.count({ where: { type: 'passkeys.authenticated', subject: result.passkey.id } })).toBe(1);
    });

    it('keeps transactions and sign-ins apart, and refuses an assertion over another challenge', async () => {
      const auth = createSoftAuthenticator();
      const { result } = await signUp(auth);
      // A sign-in cannot finish a transaction ceremony …
      const tx1 = await startAuthentication({ db, communityId, decoyKey, kind: 'transaction', challenge: commitment(`a${n}`), userId: result.user.id });
      await expect(finishAuthentication({ db, communityId, response: auth.authenticate(tx1.options, { origin: ORIGIN }) })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
      // … nor a transaction a sign-in ceremony.
      const login = await startAuthentication({ db, communityId, decoyKey });
      await expect(finishAuthentication({ db, communityId, kind: 'transaction', response: auth.authenticate(login.options, { origin: ORIGIN }) })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
      // An assertion over a tampered commitment consumes the expected ceremony and is refused.
      const tx2 = await startAuthentication({ db, communityId, decoyKey, kind: 'transaction', challenge: commitment(`b${n}`), userId: result.user.id });
      const tampered = auth.authenticate(tx2.options, { origin: ORIGIN, challenge: Buffer.from(commitment('tampered')).toString('base64url') });
      const before = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
      await expect(finishAuthentication({ db, communityId, kind: 'transaction', expectedChallenge: tx2.options.challenge, response: tampered })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
      const honest = auth.authenticate(tx2.options, { origin: ORIGIN });
      await expect(finishAuthentication({ db, communityId, kind: 'transaction', expectedChallenge: tx2.options.challenge, response: honest })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
      expect(await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } })).toEqual(before);
    });

    it('accepts only the resolved user’s passkey in a transaction, and rolls back when the hook fails', async () => {
      const alice = createSoftAuthenticator();
      const bob = createSoftAuthenticator();
      const a = await signUp(alice);
      const b = await signUp(bob);
      const { options } = await startAuthentication({ db, communityId, decoyKey, kind: 'transaction', challenge: commitment(`c${n}`), userId: a.result.user.id });
      await expect(finishAuthentication({ db, communityId, kind: 'transaction', expectedChallenge: options.challenge, response: bob.authenticate(options, { origin: ORIGIN }) })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
      const again = await startAuthentication({ db, communityId, decoyKey, kind: 'transaction', challenge: commitment(`d${n}`), userId: b.result.user.id });
      const before = await db.passkey.findUniqueOrThrow({ where: { id: b.result.passkey.id } });
      const failing = finishAuthentication({
        db,
        communityId,
        kind: 'transaction',
        expectedChallenge: again.options.challenge,
        response: bob.authenticate(again.options, { origin: ORIGIN }),
        onVerified: async () => {
          throw new Error('evidence could not be stored');
        },
      });
      await expect(failing).rejects.toThrow('evidence could not be stored');
      expect(await db.passkey.findUniqueOrThrow({ where: { id: b.result.passkey.id } })).toEqual(before);
    });

    it('asks for a security key, names the passkey as told, and hands the context to onRegistered', async () => {
      const { options } = await startRegistration({ db, communityId, signUp: { username: `sk${++n}`, displayName: 'S' }, preferredAuthenticator: 'securityKey', context: { device: 'd-1' } });
      expect(options.authenticatorSelection).toMatchObject({ authenticatorAttachment: 'cross-platform', residentKey: 'required' });
      expect(options.hints).toEqual(['security-key']);
      const seen: unknown[] = [];
      const done = await finishRegistration({
        db,
        communityId,
        response: createSoftAuthenticator({ attachment: 'cross-platform' }).register(options, { origin: ORIGIN }),
        name: ' YubiKey 5 ',
        onRegistered: async (tx, registered) => {
          seen.push(registered.context, await tx.passkey.count({ where: { id: registered.result.passkey.id } }));
        },
      });
      expect(done.passkey.name).toBe('YubiKey 5');
      expect(seen).toEqual([{ device: 'd-1' }, 1]);
      await expect(finishRegistration({ db, communityId, response: {}, name: 'x'.repeat(65) })).rejects.toMatchObject({ code: 'request.validation_failed' });
    });

    it('accepts a response without user presence only for conditional create', async () => {
      const plain = await startRegistration({ db, communityId, signUp: { username: `up${++n}`, displayName: 'U' } });
      const users = await db.user.count();
      await expect(finishRegistration({ db, communityId, response: createSoftAuthenticator().register(plain.options, { origin: ORIGIN, flags: { up: false } }) })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
      expect(await db.user.count()).toBe(users);
      const conditional = await startRegistration({ db, communityId, signUp: { username: `cc${++n}`, displayName: 'C' }, mediation: 'conditional' });
      await expect(finishRegistration({ db, communityId, response: createSoftAuthenticator().register(conditional.options, { origin: ORIGIN, flags: { up: false } }) })).resolves.toMatchObject({ created: true });
    });

    it('rolls a registration back when onRegistered fails', async () => {
      const users = await db.user.count();
      const passkeys = await db.passkey.count();
      const { options } = await startRegistration({ db, communityId, signUp: { username: `rb${++n}`, displayName: 'R' } });
      const failing = finishRegistration({
        db,
        communityId,
        response: createSoftAuthenticator().register(options, { origin: ORIGIN }),
        onRegistered: async () => {
          throw new Error('device could not be stored');
        },
      });
      await expect(failing).rejects.toThrow('device could not be stored');
      expect({ users: await db.user.count(), passkeys: await db.passkey.count() }).toEqual({ users, passkeys });
    });
  });

  describe('management', () => {
    it('renames and deletes only the owner’s passkeys', async () => {
      const a = await signUp(createSoftAuthenticator());
      const b = await signUp(createSoftAuthenticator());
      const owner = { communityId, userId: a.result.user.id };
      expect((await renamePasskey({ db, owner, passkeyId: a.result.passkey.id, input: { name: ' Work laptop ' } })).name).toBe('Work laptop');
      await expect(renamePasskey({ db, owner, passkeyId: a.result.passkey.id, input: { name: '' } })).rejects.toMatchObject({ code: 'request.validation_failed' });
      await expect(renamePasskey({ db, owner, passkeyId: b.result.passkey.id, input: { name: 'mine' } })).rejects.toMatchObject({ code: 'passkeys.not_found', status: 404 });
      await expect(deletePasskey({ db, owner, passkeyId: b.result.passkey.id })).rejects.toMatchObject({ code: 'passkeys.not_found' });
      await expect(deletePasskey({ db, owner: { communityId: otherCommunityId, userId: a.result.user.id }, passkeyId: a.result.passkey.id })).rejects.toMatchObject({ code: 'passkeys.not_found' });
      expect((await db.passkey.findUniqueOrThrow({ where: { id: b.result.passkey.id } })).name).not.toBe('mine');
      expect(await deletePasskey({ db, owner, passkeyId: a.result.passkey.id })).toEqual({ remaining: 0 });
      expect(await listPasskeys({ db, owner })).toEqual([]);
    });
  });
});
