import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type TDb } from '../../lib/db';
import { createLicense } from '../../lib/licenses/create-license';
import type { TAuthLevel } from '../../lib/licenses/license';
import { createCommunity } from '../../lib/tenancy/create-community';
import { createSoftAuthenticator } from '../support/soft-authenticator';
import { createWebauthnClient, type TCallOverrides, type TWebauthnClient, type TWebauthnFamily, type TWebauthnResponse } from '../support/webauthn-client';

/**
 * The spec 000 "Vendor Meta Data" calls (`POST /webauthn/vendormetadata/{communityId}/fetch`,
 * `PUT /webauthn/vendormetadata/{communityId}`, `PATCH .../aaguid/{aaguid}`) over real HTTP
 * against the production build, with plain (`licensekey` in clear) and enveloped headers. The
 * records are the ones that name passkeys: a record created here names the next passkey of its
 * AAGUID registered through the 000 attestation calls, and stops once disabled.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const FAMILIES: TWebauthnFamily[] = ['u1', 'enveloped'];

type TRecord = { aaguid: string; name: string; metadata: Record<string, unknown>; disabled: boolean; communityId: string | null; updatedBy: string | null; createdAt: string; updatedAt: string };
type TRecordBody = TRecord & { status: 'ok'; errorMessage: '' };
type TFetchBody = { status: 'ok'; errorMessage: ''; records: TRecord[] };

let db: TDb;
let servicePublicKey = '';
let tenantId = '';
const communities = { main: '', other: '' };
const keys: Record<'main' | 'other' | 'service' | 'system', string> = { main: '', other: '', service: '', system: '' };

async function licenseKey(authLevel: TAuthLevel, communityIds: string[]): Promise<string> {
  return (await createLicense({ db, input: { authLevel, communityIds }, actor: 'test' })).key;
}

beforeAll(async () => {
  db = createDb(databaseUrl);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true } });
  communities.main = main.id;
  tenantId = main.tenantId;
  communities.other = (await createCommunity({ db, input: { tenantId, name: `Other ${crypto.randomUUID()}`, rpId: 'localhost', origins: [baseUrl] }, actor: 'test' })).id;
  keys.main = await licenseKey('app', [communities.main]);
  keys.other = await licenseKey('app', [communities.other]);
  keys.service = await licenseKey('service', [communities.main]);
  keys.system = await licenseKey('system', []);
  const res = await fetch(`${baseUrl}/webauthn/publickeys`);
  servicePublicKey = ((await res.json()) as { publicKey: string }).publicKey;
});

afterAll(async () => {
  await db?.$disconnect();
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function clientFor(key: keyof typeof keys | string): TWebauthnClient {
  return createWebauthnClient({ baseUrl, licenseKey: key in keys ? keys[key as keyof typeof keys] : key, servicePublicKey });
}

/** The shared client speaks POST and DELETE; PUT and PATCH go through the same `call` (the method is handed to fetch). */
function send<T>(c: TWebauthnClient, method: 'POST' | 'PUT' | 'PATCH', path: string, family: TWebauthnFamily, payload: unknown, o?: TCallOverrides) {
  return c.call<T>(method as 'POST', path, family, payload, o);
}

const api = {
  fetch: (c: TWebauthnClient, family: TWebauthnFamily, communityId: string, payload?: unknown, o?: TCallOverrides) =>
    send<TFetchBody>(c, 'POST', `/webauthn/vendormetadata/${encodeURIComponent(communityId)}/fetch`, family, payload, o),
  create: (c: TWebauthnClient, family: TWebauthnFamily, communityId: string, payload: unknown, o?: TCallOverrides) =>
    send<TRecordBody>(c, 'PUT', `/webauthn/vendormetadata/${encodeURIComponent(communityId)}`, family, payload, o),
  update: (c: TWebauthnClient, family: TWebauthnFamily, communityId: string, aaguid: string, payload: unknown, o?: TCallOverrides) =>
    send<TRecordBody>(c, 'PATCH', `/webauthn/vendormetadata/${encodeURIComponent(communityId)}/aaguid/${encodeURIComponent(aaguid)}`, family, payload, o),
};

function expectOk<T>(res: TWebauthnResponse<T>): T {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.raw)}`);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.data;
}

/** A refusal in the 000 format with this status; never a 5xx. */
function expectRefused(res: TWebauthnResponse<unknown>, status: number) {
  expect(res.status, JSON.stringify(res.raw)).toBe(status);
  expect(res.raw).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
}

function newAaguid(): string {
  return crypto.randomUUID();
}

function body(aaguid: string, extra: Record<string, unknown> = {}) {
  return { aaguid, metadata: JSON.stringify({ description: 'Test key', authenticatorVersion: 1 }), name: `Key ${aaguid.slice(0, 8)}`, updatedBy: 'ops@example.com', ...extra };
}

async function records(communityId: string | null) {
  return db.vendorMetadata.findMany({ where: { communityId }, select: { aaguid: true, name: true, disabled: true, updatedBy: true, metadata: true }, orderBy: { aaguid: 'asc' } });
}

/** Registers a new user with a passkey of `aaguid` through the 000 attestation calls; answers the stored passkey's name. */
async function registerPasskeyName(aaguid: string, communityId = communities.main): Promise<string> {
  const c = clientFor(communityId === communities.main ? 'main' : 'other');
  const target = { tenantId, communityId, dns: 'localhost' };
  const username = `vm-${crypto.randomBytes(6).toString('hex')}`;
  const opts = expectOk(await c.attestationOptions('u1', { ...target, username }));
  const response = createSoftAuthenticator({ aaguid }).register(opts, { origin: baseUrl });
  const result = expectOk(await c.attestationResult('u1', opts.sessionInfo, { ...target, ...response }));
  expect(result.aaguid).toBe(aaguid);
  return (await db.passkey.findFirstOrThrow({ where: { communityId, credentialId: result.credentialId }, select: { name: true } })).name;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

describe.each(FAMILIES)('vendor metadata (%s headers)', (family) => {
  it('creates, fetches and updates a record of the community', async () => {
    const c = clientFor('main');
    const aaguid = newAaguid();
    const created = expectOk(await api.create(c, family, communities.main, body(aaguid.toUpperCase())));
    expect(created).toEqual({
      aaguid,
      name: `Key ${aaguid.toUpperCase().slice(0, 8)}`,
      metadata: { description: 'Test key', authenticatorVersion: 1 },
      disabled: false,
      communityId: communities.main,
      updatedBy: 'ops@example.com',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      status: 'ok',
      errorMessage: '',
    });
    const events = await db.auditEvent.findMany({ where: { type: 'metadata.vendor_created', subject: aaguid }, select: { actor: true, communityId: true, tenantId: true } });
    expect(events).toEqual([{ actor: expect.stringMatching(/^license:/), communityId: communities.main, tenantId }]);

    const one = expectOk(await api.fetch(c, family, communities.main, { aaguids: [aaguid] }));
    expect(one).toEqual({ status: 'ok', errorMessage: '', records: [expect.objectContaining({ aaguid, communityId: communities.main })] });
    const all = expectOk(await api.fetch(c, family, communities.main, {}));
    expect(all.records.map((r) => r.aaguid)).toContain(aaguid);
    expect(all.records.every((r) => r.communityId === communities.main)).toBe(true);
    if (family === 'u1') {
      // No body at all: every record of the community.
      expect(expectOk(await api.fetch(c, family, communities.main, undefined)).records).toEqual(all.records);
    }

    const updated = expectOk(await api.update(c, family, communities.main, aaguid.toUpperCase(), { name: 'Renamed', metadata: 'free text', updatedBy: 'ops2' }));
    expect(updated).toMatchObject({ aaguid, name: 'Renamed', metadata: { text: 'free text' }, disabled: false, updatedBy: 'ops2', createdAt: created.createdAt, status: 'ok', errorMessage: '' });
    expect(await db.auditEvent.count({ where: { type: 'metadata.vendor_updated', subject: aaguid } })).toBe(1);
    if (family === 'enveloped') {
      const raw = await api.fetch(c, family, communities.main, {});
      expect(raw.raw).toEqual({ data: expect.any(String), publicKey: servicePublicKey });
    }
  });

  it("fetches every community's records with 'any' under system and service licenses", async () => {
    const aaguid = newAaguid();
    expectOk(await api.create(clientFor('other'), family, communities.other, body(aaguid)));
    await db.vendorMetadata.create({ data: { communityId: null, aaguid, name: 'Service-wide' } });
    for (const key of ['system', 'service'] as const) {
      const { records: found } = expectOk(await api.fetch(clientFor(key), family, 'any', { aaguids: [aaguid] }));
      expect(found.map((r) => r.communityId)).toEqual([null, communities.other]);
    }
    const { records: everything } = expectOk(await api.fetch(clientFor('system'), family, 'any', {}));
    expect(everything.map((r) => r.communityId)).toEqual(expect.arrayContaining([null, communities.main, communities.other]));
  });
});

// ---------------------------------------------------------------------------------------------
// The records name passkeys
// ---------------------------------------------------------------------------------------------

describe('records name passkeys', () => {
  it('names a new passkey of the AAGUID in that community after the record, and stops when disabled', async () => {
    const aaguid = newAaguid();
    expect(await registerPasskeyName(aaguid)).toBe('Passkey');
    expectOk(await api.create(clientFor('main'), 'u1', communities.main, body(aaguid, { name: 'Acme Hardware Key' })));
    expect(await registerPasskeyName(aaguid)).toBe('Acme Hardware Key');
    // Another community has no record of it.
    expect(await registerPasskeyName(aaguid, communities.other)).toBe('Passkey');

    expectOk(await api.update(clientFor('main'), 'enveloped', communities.main, aaguid, { name: 'Acme Key v2', updatedBy: 'ops' }));
    expect(await registerPasskeyName(aaguid)).toBe('Acme Key v2');
    expectOk(await api.update(clientFor('main'), 'u1', communities.main, aaguid, { disabled: true, updatedBy: 'ops' }));
    expect(await registerPasskeyName(aaguid)).toBe('Passkey');
  });

  it('a record created disabled names nothing', async () => {
    const aaguid = newAaguid();
    expectOk(await api.create(clientFor('main'), 'enveloped', communities.main, body(aaguid, { name: 'Hidden', disabled: true })));
    expect(await registerPasskeyName(aaguid)).toBe('Passkey');
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

describe.each(FAMILIES)('refusals change nothing (%s headers)', (family) => {
  let existing = '';
  beforeAll(async () => {
    existing = newAaguid();
    expectOk(await api.create(clientFor('main'), family, communities.main, body(existing)));
  });

  it('401 without a license or with an unknown one', async () => {
    const before = await records(communities.main);
    const c = clientFor('main');
    const noLicense = { headers: { licensekey: null } };
    expectRefused(await api.fetch(c, family, communities.main, {}, noLicense), 401);
    expectRefused(await api.create(c, family, communities.main, body(newAaguid()), noLicense), 401);
    expectRefused(await api.update(c, family, communities.main, existing, { name: 'x', updatedBy: 'o' }, noLicense), 401);
    const unknown = clientFor('lk_unknown');
    expectRefused(await api.fetch(unknown, family, communities.main, {}), 401);
    expectRefused(await api.create(unknown, family, communities.main, body(newAaguid())), 401);
    expectRefused(await api.update(unknown, family, communities.main, existing, { name: 'x', updatedBy: 'o' }), 401);
    expect(await records(communities.main)).toEqual(before);
  });

  it("403 for 'any' under an app license and for a license of another community", async () => {
    const before = await records(communities.main);
    expectRefused(await api.fetch(clientFor('main'), family, 'any', {}), 403);
    expectRefused(await api.fetch(clientFor('other'), family, 'any', { aaguids: [existing] }), 403);
    const other = clientFor('other');
    expectRefused(await api.fetch(other, family, communities.main, {}), 403);
    expectRefused(await api.create(other, family, communities.main, body(newAaguid())), 403);
    expectRefused(await api.update(other, family, communities.main, existing, { name: 'Hijacked', updatedBy: 'o' }), 403);
    expectRefused(await api.create(clientFor('main'), family, 'any', body(newAaguid())), 403);
    expect(await records(communities.main)).toEqual(before);
  });

  it('400 for a bad AAGUID and malformed bodies', async () => {
    const before = await records(communities.main);
    const c = clientFor('main');
    const aaguid = newAaguid();
    const bad: TWebauthnResponse<unknown>[] = [
      await api.create(c, family, communities.main, body('not-a-uuid')),
      await api.create(c, family, communities.main, body(`${aaguid}0`)),
      await api.create(c, family, communities.main, { aaguid, metadata: '{}', name: 'No updatedBy' }),
      await api.create(c, family, communities.main, { ...body(aaguid), metadata: { not: 'a string' } }),
      await api.create(c, family, communities.main, { ...body(aaguid), disabled: 'yes' }),
      await api.create(c, family, communities.main, { ...body(aaguid), name: '' }),
      await api.create(c, family, communities.main, null),
      await api.create(c, family, communities.main, body(aaguid), { rawBody: '{"oops' }),
      await api.update(c, family, communities.main, 'not-a-uuid', { name: 'x', updatedBy: 'o' }),
      await api.update(c, family, communities.main, existing, { name: 'x' }),
      await api.update(c, family, communities.main, existing, [1, 2]),
      await api.update(c, family, communities.main, existing, {}, { rawBody: '{"oops' }),
      await api.fetch(c, family, communities.main, { aaguids: ['nope'] }),
      await api.fetch(c, family, communities.main, { aaguids: 'all' }),
      await api.fetch(c, family, communities.main, 'text'),
      await api.fetch(c, family, communities.main, {}, { rawBody: '{"oops' }),
    ];
    for (const res of bad) expectRefused(res, 400);
    expect(await records(communities.main)).toEqual(before);
  });

  it('404 for an unknown record or community, 409 for an existing record', async () => {
    const before = await records(communities.main);
    const c = clientFor('main');
    expectRefused(await api.update(c, family, communities.main, newAaguid(), { name: 'x', updatedBy: 'o' }), 404);
    expectRefused(await api.fetch(clientFor('system'), family, 'no-such-community', {}), 404);
    expectRefused(await api.create(clientFor('system'), family, 'no-such-community', body(newAaguid())), 404);
    expectRefused(await api.create(c, family, communities.main, body(existing.toUpperCase(), { name: 'Duplicate' })), 409);
    expect(await records(communities.main)).toEqual(before);
  });

  it('answers junk with a 4xx, never a 500', async () => {
    const c = clientFor('main');
    const junk: unknown[] = [null, [], 'text', 1, { aaguid: { $ne: 1 } }, { aaguids: [{}] }, { ...body(newAaguid()), metadata: 'x'.repeat(150_001) }, { updatedBy: ['x'] }];
    for (const payload of junk) {
      const label = JSON.stringify(payload)?.slice(0, 60);
      for (const res of [
        await api.create(c, family, communities.main, payload),
        await api.update(c, family, communities.main, existing, payload),
        await api.update(c, family, communities.main, '../..', payload),
      ]) {
        expect(res.status, JSON.stringify({ label, raw: res.raw })).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
      // The fetch body has one member; others are ignored (000 clients send extra members).
      const fetched = await api.fetch(c, family, communities.main, payload);
      const ignored = typeof payload === 'object' && payload !== null && !Array.isArray(payload) && !('aaguids' in payload);
      expect(fetched.status, JSON.stringify({ label, raw: fetched.raw })).toBe(ignored ? 200 : 400);
    }
  });
});
