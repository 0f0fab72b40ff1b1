import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { encrypt, parsePublicKey, sharedKey } from '../envelope/envelope';
import { generateEnvelopeKeyPair } from '../envelope/service-key';
import { authenticateRequest, purgeExpiredRequestIds, type TServiceKey } from './authenticate-request';
import { createLicense } from './create-license';
import { revokeLicense } from './revoke-license';
import { assertLicenseAllows } from './verify-license';
import { openTestDb, seedTenant } from './test-support';
import { TEST_PROVIDERS } from '../db/test-db';

const CURVE = 'secp256k1' as const;
const SKEW = 60;
const NOW = new Date('2026-11-25T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

describe.each(TEST_PROVIDERS)('on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let acme: { tenantId: string; communityIds: [string, string] };
  let appKey: string;
  let appLicenseId: string;
  const service = generateEnvelopeKeyPair(CURVE);
  const serviceKey: TServiceKey = { curve: CURVE, privateKey: service.privateKey, publicKey: service.publicKey };

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    acme = await seedTenant(db, 'Acme');
    const created = await createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]] }, actor: 'test' });
    appKey = created.key;
    appLicenseId = created.license.id;
  });
  afterAll(() => close());

  function caller() {
    const pair = generateEnvelopeKeyPair(CURVE);
    const key = sharedKey({ curve: CURVE, privateKey: pair.privateKey, peerPublicKey: parsePublicKey(service.publicKey, CURVE) });
    return { publicKey: pair.publicKey, key };
  }

  function requestId(overrides: Partial<{ ts: number; uuid: string; appid: string }> = {}) {
    return { ts: NOW_S, uuid: crypto.randomUUID(), appid: 'com.example.app', ...overrides };
  }

  function envelopedHeaders(options: { licenseKey?: string; rid?: object; callerKey?: ReturnType<typeof caller> } = {}) {
    const c = options.callerKey ?? caller();
    return new Headers({
      publickey: c.publicKey,
      licensekey: encrypt({ key: c.key, plaintext: options.licenseKey ?? appKey }),
      requestid: encrypt({ key: c.key, plaintext: JSON.stringify(options.rid ?? requestId()) }),
    });
  }

  function run(headers: Headers, mode: 'enveloped' | 'plain' = 'enveloped', now = NOW) {
    return authenticateRequest({ db, headers, mode, serviceKey, clockSkewSeconds: SKEW, now, purgeChance: 0 });
  }

  async function expectCode(promise: Promise<unknown>, code: string) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }

  describe('authenticateRequest, enveloped', () => {
    it('opens licensekey and requestid with the key shared with the caller', async () => {
      const c = caller();
      const rid = requestId();
      const auth = await run(envelopedHeaders({ callerKey: c, rid }));
      expect(auth.license.id).toBe(appLicenseId);
      expect(auth.mode).toBe('enveloped');
      expect(auth.requestId).toEqual(rid);
      expect(auth.envelopeKey?.equals(c.key)).toBe(true);
      expect(await db.requestNonce.findUnique({ where: { appId_uuid: { appId: rid.appid, uuid: rid.uuid } } })).toMatchObject({ expiresAt: new Date((NOW_S + SKEW) * 1000) });
    });

    it('accepts clear headers with `noecdsa` (body still enveloped), and still checks ts and replay', async () => {
      const c = caller();
      const rid = requestId();
      const clear = () => new Headers({ publickey: c.publicKey, noecdsa: 'true', licensekey: appKey, requestid: JSON.stringify(rid) });
      const auth = await run(clear());
      expect(auth.license.id).toBe(appLicenseId);
      expect(auth.envelopeKey?.equals(c.key)).toBe(true);
      await expectCode(run(clear()), 'auth.unauthenticated');
      await expectCode(run(new Headers({ publickey: c.publicKey, noecdsa: 'true', licensekey: appKey, requestid: JSON.stringify(requestId({ ts: NOW_S - SKEW - 1 })) })), 'auth.unauthenticated');
      // Without noecdsa the same clear headers don't open.
      await expectCode(run(new Headers({ publickey: c.publicKey, licensekey: appKey, requestid: JSON.stringify(requestId()) })), 'auth.unauthenticated');
    });

    it('accepts ts at the edges of the window and refuses it outside (stale and future)', async () => {
      await run(envelopedHeaders({ rid: requestId({ ts: NOW_S - SKEW }) }));
      await run(envelopedHeaders({ rid: requestId({ ts: NOW_S + SKEW }) }));
      await expectCode(run(envelopedHeaders({ rid: requestId({ ts: NOW_S - SKEW - 1 }) })), 'auth.unauthenticated');
      await expectCode(run(envelopedHeaders({ rid: requestId({ ts: NOW_S + SKEW + 1 }) })), 'auth.unauthenticated');
    });

    it('refuses a replayed requestid, also from another caller key, and within the window only', async () => {
      const rid = requestId();
      await run(envelopedHeaders({ rid }));
      const replay = await expectCode(run(envelopedHeaders({ rid })), 'auth.unauthenticated');
      expect(replay.detail).toMatch(/replayed/);
      expect(replay.publicMessage).toBe('Missing or invalid credentials.');
      // The same uuid under another appid is another request.
      await run(envelopedHeaders({ rid: { ...rid, appid: 'com.example.other' } }));
    });

    it('lets exactly one of two concurrent uses of a requestid through', async () => {
      const rid = requestId();
      const results = await Promise.allSettled([run(envelopedHeaders({ rid })), run(envelopedHeaders({ rid }))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('refuses tampered ciphertext, a wrong caller key and a bad public key', async () => {
      const headers = envelopedHeaders();
      const raw = Buffer.from(headers.get('licensekey')!, 'base64');
      raw[20] = raw[20]! ^ 0x01;
      headers.set('licensekey', raw.toString('base64'));
      await expectCode(run(headers), 'auth.unauthenticated');

      // Encrypted for one caller key, presented with another.
      const wrong = envelopedHeaders();
      wrong.set('publickey', caller().publicKey);
      await expectCode(run(wrong), 'auth.unauthenticated');

      const bad = envelopedHeaders();
      bad.set('publickey', 'not-a-key');
      await expectCode(run(bad), 'auth.unauthenticated');
    });

    it('refuses missing headers, a requestid that is not JSON {ts, uuid v4, appid}, and unknown or revoked licenses', async () => {
      for (const name of ['publickey', 'licensekey', 'requestid']) {
        const headers = envelopedHeaders();
        headers.delete(name);
        await expectCode(run(headers), 'auth.unauthenticated');
      }
      const c = caller();
      for (const plaintext of ['nope', JSON.stringify({ uuid: crypto.randomUUID(), appid: 'a' }), JSON.stringify({ ts: NOW_S, uuid: 'x', appid: 'a' })]) {
        const headers = envelopedHeaders({ callerKey: c });
        headers.set('requestid', encrypt({ key: c.key, plaintext }));
        await expectCode(run(headers), 'auth.unauthenticated');
      }
      await expectCode(run(envelopedHeaders({ licenseKey: 'lk_unknown' })), 'auth.unauthenticated');
      const { license, key } = await createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]] }, actor: 'test' });
      await revokeLicense({ db, input: { id: license.id }, actor: 'test' });
      await expectCode(run(envelopedHeaders({ licenseKey: key })), 'auth.unauthenticated');
    });
  });

  describe('authenticateRequest, plain (u1)', () => {
    it('takes licensekey in clear with a bare uuid, plain JSON or no requestid', async () => {
      const uuid = crypto.randomUUID();
      expect((await run(new Headers({ licensekey: appKey, requestid: uuid }), 'plain')).requestId).toEqual({ uuid, appid: '', ts: undefined });
      const rid = requestId();
      expect((await run(new Headers({ licensekey: appKey, requestid: JSON.stringify(rid) }), 'plain')).requestId).toEqual(rid);
      const bare = await run(new Headers({ licensekey: appKey }), 'plain');
      expect(bare.requestId).toBeUndefined();
      expect(bare.envelopeKey).toBeUndefined();
    });

    it('refuses replays (bare uuid within one window, JSON form), stale ts, bad requestid, missing or unknown key', async () => {
      const uuid = crypto.randomUUID();
      await run(new Headers({ licensekey: appKey, requestid: uuid }), 'plain');
      await expectCode(run(new Headers({ licensekey: appKey, requestid: uuid }), 'plain'), 'auth.unauthenticated');
      // After the window the bare uuid is forgotten (taken over atomically).
      await run(new Headers({ licensekey: appKey, requestid: uuid }), 'plain', new Date(NOW.getTime() + (SKEW + 1) * 1000));

      const rid = JSON.stringify(requestId());
      await run(new Headers({ licensekey: appKey, requestid: rid }), 'plain');
      await expectCode(run(new Headers({ licensekey: appKey, requestid: rid }), 'plain'), 'auth.unauthenticated');
      await expectCode(run(new Headers({ licensekey: appKey, requestid: JSON.stringify(requestId({ ts: NOW_S - 3600 })) }), 'plain'), 'auth.unauthenticated');
      await expectCode(run(new Headers({ licensekey: appKey, requestid: 'not-a-uuid' }), 'plain'), 'auth.unauthenticated');
      await expectCode(run(new Headers({}), 'plain'), 'auth.unauthenticated');
      await expectCode(run(new Headers({ licensekey: 'lk_nope' }), 'plain'), 'auth.unauthenticated');
    });

    it('does not record the request id of an unknown license', async () => {
      const uuid = crypto.randomUUID();
      await expectCode(run(new Headers({ licensekey: 'lk_nope', requestid: uuid }), 'plain'), 'auth.unauthenticated');
      expect(await db.requestNonce.count({ where: { uuid } })).toBe(0);
    });
  });

  describe('authorization after authentication', () => {
    it('refuses another community and an insufficient level with auth.forbidden', async () => {
      const auth = await run(new Headers({ licensekey: appKey }), 'plain');
      expect(() => assertLicenseAllows(auth.license, { levels: ['app'], communityId: acme.communityIds[0] })).not.toThrow();
      expect(() => assertLicenseAllows(auth.license, { levels: ['app'], communityId: acme.communityIds[1] })).toThrow(expect.objectContaining({ code: 'auth.forbidden' }));
      expect(() => assertLicenseAllows(auth.license, { levels: ['system', 'service'], communityId: acme.communityIds[0] })).toThrow(expect.objectContaining({ code: 'auth.forbidden' }));
    });
  });

  describe('purgeExpiredRequestIds', () => {
    it('removes only request ids whose window has passed', async () => {
      await db.requestNonce.createMany({
        data: [
          { appId: 'purge', uuid: crypto.randomUUID(), expiresAt: new Date(NOW.getTime() - 1) },
          { appId: 'purge', uuid: crypto.randomUUID(), expiresAt: new Date(NOW.getTime() + 60_000) },
        ],
      });
      expect(await purgeExpiredRequestIds(db, NOW)).toBeGreaterThanOrEqual(1);
      expect(await db.requestNonce.count({ where: { appId: 'purge' } })).toBe(1);
    });
  });
});
