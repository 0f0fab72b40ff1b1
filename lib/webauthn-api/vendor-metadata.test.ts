import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { seedTenant } from '../licenses/test-support';
import { createLicense } from '../licenses/create-license';
import type { TAuthLevel, TLicenseDto } from '../licenses/license';
import { createVendorMetadataRecord, fetchVendorMetadataRecords, updateVendorMetadataRecord } from './vendor-metadata';

const A = 'aaaaaaaa-1111-4222-8333-444444444444';
const B = 'bbbbbbbb-1111-4222-8333-444444444444';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe.each(TEST_PROVIDERS)('000 vendor metadata adapters on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let c1: string;
  let c2: string;
  const licenses: Record<string, TLicenseDto> = {};
  const make = async (authLevel: TAuthLevel, communityIds: string[]) => (await createLicense({ db, input: { authLevel, communityIds }, actor: 'test' })).license;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    ({ communityIds: [c1, c2] } = await seedTenant(db));
    licenses.app1 = await make('app', [c1]);
    licenses.app2 = await make('app', [c2]);
    licenses.service1 = await make('service', [c1]);
    licenses.system = await make('system', []);
    licenses.appExt = await make('app_ext', [c1, c2]);
  });
  afterAll(async () => close());

  it('creates, fetches and updates with the status fields of 000 answers', async () => {
    const created = await createVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, payload: { aaguid: A, metadata: '{"a":1}', name: 'Key A', updatedBy: 'me' } });
    expect(created).toMatchObject({ status: 'ok', errorMessage: '', aaguid: A, communityId: c1, metadata: { a: 1 }, name: 'Key A', disabled: false });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'metadata.vendor_created', communityId: c1 } });
    expect(audit.actor).toBe(`license:${licenses.app1!.id}`);
    await createVendorMetadataRecord({ db, license: licenses.app2!, communityId: c2, payload: { aaguid: B, metadata: 'x', name: 'Key B', disabled: true, updatedBy: 'me' } });

    expect(await fetchVendorMetadataRecords({ db, license: licenses.app1!, communityId: c1, payload: {} })).toMatchObject({ status: 'ok', errorMessage: '', records: [{ aaguid: A }] });
    expect((await fetchVendorMetadataRecords({ db, license: licenses.appExt!, communityId: c1, payload: { aaguids: [B] } })).records).toEqual([]);
    expect((await fetchVendorMetadataRecords({ db, license: licenses.appExt!, communityId: c2, payload: { aaguids: null } })).records).toHaveLength(1);
    expect((await fetchVendorMetadataRecords({ db, license: licenses.appExt!, communityId: c2, payload: undefined })).records).toHaveLength(1);

    const updated = await updateVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, aaguid: A, payload: { disabled: true, updatedBy: 'you' } });
    expect(updated).toMatchObject({ status: 'ok', errorMessage: '', disabled: true, updatedBy: 'you', name: 'Key A' });
  });

  it("fetches every record with 'any' for system and service licenses only", async () => {
    for (const license of [licenses.system!, licenses.service1!]) {
      const { records } = await fetchVendorMetadataRecords({ db, license, communityId: 'any', payload: {} });
      expect(records.map((r) => r.communityId).sort()).toEqual([c1, c2].sort());
    }
    expect((await fetchVendorMetadataRecords({ db, license: licenses.system!, communityId: 'any', payload: { aaguids: [B.toUpperCase()] } })).records.map((r) => r.aaguid)).toEqual([B]);
    for (const license of [licenses.app1!, licenses.appExt!]) {
      expect(await codeOf(fetchVendorMetadataRecords({ db, license, communityId: 'any', payload: {} }))).toBe('auth.forbidden');
    }
  });

  it('refuses a license of another community, unknown communities, bad bodies, duplicates and unknown records', async () => {
    const body = { aaguid: B, metadata: 'x', name: 'n', updatedBy: 'me' };
    expect(await codeOf(fetchVendorMetadataRecords({ db, license: licenses.app1!, communityId: c2, payload: {} }))).toBe('auth.forbidden');
    expect(await codeOf(createVendorMetadataRecord({ db, license: licenses.app1!, communityId: c2, payload: body }))).toBe('auth.forbidden');
    expect(await codeOf(updateVendorMetadataRecord({ db, license: licenses.app1!, communityId: c2, aaguid: B, payload: { updatedBy: 'me' } }))).toBe('auth.forbidden');
    expect(await codeOf(createVendorMetadataRecord({ db, license: licenses.app1!, communityId: 'any', payload: body }))).toBe('auth.forbidden');
    expect(await codeOf(createVendorMetadataRecord({ db, license: licenses.system!, communityId: 'any', payload: body }))).toBe('tenancy.community_not_found');
    expect(await codeOf(fetchVendorMetadataRecords({ db, license: licenses.system!, communityId: 'nope', payload: {} }))).toBe('tenancy.community_not_found');

    for (const payload of [null, [], 'text', { aaguids: 'x' }, { aaguids: ['not-a-uuid'] }, { aaguids: [1] }]) {
      expect(await codeOf(fetchVendorMetadataRecords({ db, license: licenses.app1!, communityId: c1, payload })), JSON.stringify(payload)).toBe('request.validation_failed');
    }
    for (const payload of [null, [], { ...body, aaguid: 'x' }, { ...body, name: 1 }, { aaguid: B }]) {
      expect(await codeOf(createVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, payload })), JSON.stringify(payload)).toBe('request.validation_failed');
    }
    expect(await codeOf(createVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, payload: { ...body, aaguid: A } }))).toBe('metadata.exists');
    expect(await codeOf(updateVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, aaguid: 'bad', payload: { updatedBy: 'me' } }))).toBe('request.validation_failed');
    expect(await codeOf(updateVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, aaguid: A, payload: { disabled: 'no', updatedBy: 'me' } }))).toBe('request.validation_failed');
    expect(await codeOf(updateVendorMetadataRecord({ db, license: licenses.app1!, communityId: c1, aaguid: B, payload: { updatedBy: 'me' } }))).toBe('metadata.not_found');
  });
});
