import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { seedTenant } from '../licenses/test-support';
import { listVendorMetadata } from './list-vendor-metadata';
import { createVendorMetadata } from './create-vendor-metadata';
import { updateVendorMetadata } from './update-vendor-metadata';
import { resolveAuthenticator } from './resolve-authenticator';
import { iconsOf, parseMetadataText } from './vendor-metadata';

const A = 'aaaaaaaa-1111-4222-8333-444444444444';
const B = 'bbbbbbbb-1111-4222-8333-444444444444';
const ICON = 'data:image/png;base64,iVBORw0KGgo=';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

describe('parseMetadataText and iconsOf', () => {
  it('keeps JSON objects, wraps everything else as {text}', () => {
    expect(parseMetadataText('{"description":"Key","icon":"x"}')).toEqual({ description: 'Key', icon: 'x' });
    expect(parseMetadataText('just words')).toEqual({ text: 'just words' });
    expect(parseMetadataText('[1,2]')).toEqual({ text: '[1,2]' });
    expect(parseMetadataText('42')).toEqual({ text: '42' });
    expect(parseMetadataText('')).toEqual({ text: '' });
  });

  it('takes only inline data:image icons', () => {
    expect(iconsOf({ icon: ICON })).toEqual({ iconLight: ICON, iconDark: null });
    expect(iconsOf({ icon_light: ICON, icon_dark: ICON, icon: 'data:image/gif;base64,AA==' })).toEqual({ iconLight: ICON, iconDark: ICON });
    expect(iconsOf({ icon: 'https://evil.example/i.png' })).toEqual({ iconLight: null, iconDark: null });
    expect(iconsOf({ icon: 'data:text/html;base64,AA==' })).toEqual({ iconLight: null, iconDark: null });
  });
});

describe('createVendorMetadata when the database refuses the transaction', () => {
  const input = { aaguid: A, metadata: '{}', name: 'N', updatedBy: 'ops' };
  const failing = (error: unknown) => {
    let calls = 0;
    const db = { $transaction: async () => { calls++; throw error; } } as unknown as TDb;
    return { db, calls: () => calls };
  };

  it('retries a serialization conflict, then answers service.unavailable', async () => {
    const conflict = Object.assign(new Error('TransactionWriteConflict'), { cause: { kind: 'TransactionWriteConflict' } });
    const { db, calls } = failing(conflict);
    expect(await codeOf(createVendorMetadata({ db, communityId: null, input, actor: 't' }))).toBe('service.unavailable');
    expect(calls()).toBe(5);
  });

  it('maps a unique violation to metadata.exists and a vanished community to tenancy.community_not_found', async () => {
    expect(await codeOf(createVendorMetadata({ db: failing(Object.assign(new Error('unique'), { code: 'P2002' })).db, communityId: 'c', input, actor: 't' }))).toBe('metadata.exists');
    expect(await codeOf(createVendorMetadata({ db: failing(Object.assign(new Error('fk'), { code: 'P2003' })).db, communityId: 'c', input, actor: 't' }))).toBe('tenancy.community_not_found');
    const other = failing(new Error('boom'));
    expect(await codeOf(createVendorMetadata({ db: other.db, communityId: 'c', input, actor: 't' }))).toBe('Error: boom');
    expect(other.calls()).toBe(1);
  });
});

describe.each(TEST_PROVIDERS)('vendor metadata use-cases on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let tenantId: string;
  let c1: string;
  let c2: string;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    ({ tenantId, communityIds: [c1, c2] } = await seedTenant(db));
  });
  afterAll(async () => close());

  it('creates a community record that names passkeys, with an audit event', async () => {
    const record = await createVendorMetadata({
      db,
      communityId: c1,
      input: { aaguid: A.toUpperCase(), metadata: JSON.stringify({ description: 'Acme Key', icon: ICON }), name: ' Acme Key ', updatedBy: 'ops@acme' },
      actor: 'license:l1',
      meta: { ip: '10.0.0.1', userAgent: 'ua' },
    });
    expect(record).toEqual({
      aaguid: A,
      name: 'Acme Key',
      metadata: { description: 'Acme Key', icon: ICON },
      disabled: false,
      communityId: c1,
      updatedBy: 'ops@acme',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await resolveAuthenticator(db, c1, A)).toEqual({ name: 'Acme Key', icon: ICON });
    expect((await resolveAuthenticator(db, c2, A)).name).toBeNull();
    const events = await db.auditEvent.findMany({ where: { type: 'metadata.vendor_created', communityId: c1 } });
    expect(events).toEqual([
      expect.objectContaining({ actor: 'license:l1', tenantId, subject: A, ip: '10.0.0.1', detail: expect.objectContaining({ aaguid: A, updatedBy: 'ops@acme' }) }),
    ]);
  });

  it('refuses a second record of the AAGUID in the community (metadata.exists) but allows it elsewhere', async () => {
    const input = { aaguid: A, metadata: 'free text', name: 'Other', updatedBy: 'ops' };
    expect(await codeOf(createVendorMetadata({ db, communityId: c1, input, actor: 't' }))).toBe('metadata.exists');
    const other = await createVendorMetadata({ db, communityId: c2, input: { ...input, disabled: true }, actor: 't' });
    expect(other).toMatchObject({ communityId: c2, metadata: { text: 'free text' }, disabled: true });
    expect((await resolveAuthenticator(db, c2, A)).name).toBeNull();
  });

  it('keeps service-wide records unique in code, also under concurrent creates', async () => {
    const input = { aaguid: B, metadata: '{}', name: 'Service B', updatedBy: 'ops' };
    const results = await Promise.allSettled([0, 1, 2].map(() => createVendorMetadata({ db, communityId: null, input, actor: 't' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('metadata.exists');
    expect(await codeOf(createVendorMetadata({ db, communityId: null, input, actor: 't' }))).toBe('metadata.exists');
    expect(await db.vendorMetadata.count({ where: { communityId: null, aaguid: B } })).toBe(1);
    expect((await resolveAuthenticator(db, c2, B)).name).toBe('Service B');
  });

  it('refuses bad input and unknown communities', async () => {
    const ok = { aaguid: B, metadata: 'x', name: 'N', updatedBy: 'ops' };
    for (const input of [
      { ...ok, aaguid: 'not-a-uuid' },
      { ...ok, aaguid: `${B}0` },
      { ...ok, name: '  ' },
      { ...ok, updatedBy: undefined },
      { ...ok, metadata: { a: 1 } },
      { ...ok, disabled: 'yes' },
      { ...ok, metadata: 'x'.repeat(150_001) },
    ]) {
      expect(await codeOf(createVendorMetadata({ db, communityId: c1, input: input as never, actor: 't' })), JSON.stringify(input).slice(0, 80)).toBe('request.validation_failed');
    }
    expect(await codeOf(createVendorMetadata({ db, communityId: 'no-such-community', input: ok, actor: 't' }))).toBe('tenancy.community_not_found');
  });

  it('lists a community, the service-wide records, or all; filters by AAGUID', async () => {
    expect((await listVendorMetadata({ db, scope: { communityId: c1 } })).map((r) => r.aaguid)).toEqual([A]);
    expect((await listVendorMetadata({ db, scope: { communityId: null } })).map((r) => r.aaguid)).toEqual([B]);
    const all = await listVendorMetadata({ db, scope: 'all' });
    expect(all.map((r) => [r.aaguid, r.communityId])).toEqual(expect.arrayContaining([[A, c1], [A, c2], [B, null]]));
    expect(all).toHaveLength(3);
    expect((await listVendorMetadata({ db, scope: 'all', aaguids: [B.toUpperCase()] })).map((r) => r.communityId)).toEqual([null]);
    expect(await listVendorMetadata({ db, scope: { communityId: c2 }, aaguids: [B] })).toEqual([]);
    expect(await listVendorMetadata({ db, scope: { communityId: c1 }, aaguids: [] })).toHaveLength(1);
    expect(await codeOf(listVendorMetadata({ db, scope: 'all', aaguids: ['nope'] }))).toBe('request.validation_failed');
    expect(await codeOf(listVendorMetadata({ db, scope: 'all', aaguids: Array.from({ length: 1001 }, () => A) }))).toBe('request.validation_failed');
  });

  it('updates the given fields; disabling stops naming; audit event', async () => {
    const before = (await listVendorMetadata({ db, scope: { communityId: c1 } }))[0]!;
    const renamed = await updateVendorMetadata({ db, communityId: c1, aaguid: A.toUpperCase(), input: { name: 'Acme Key 2', updatedBy: 'ops2' }, actor: 'license:l1' });
    expect(renamed).toMatchObject({ aaguid: A, name: 'Acme Key 2', metadata: before.metadata, disabled: false, updatedBy: 'ops2', createdAt: before.createdAt });
    expect(await resolveAuthenticator(db, c1, A)).toEqual({ name: 'Acme Key 2', icon: ICON });

    const disabled = await updateVendorMetadata({ db, communityId: c1, aaguid: A, input: { disabled: true, metadata: 'plain', updatedBy: 'ops3' }, actor: 'license:l1' });
    expect(disabled).toMatchObject({ disabled: true, metadata: { text: 'plain' }, name: 'Acme Key 2' });
    expect((await resolveAuthenticator(db, c1, A)).name).toBeNull();
    const row = await db.vendorMetadata.findFirstOrThrow({ where: { communityId: c1, aaguid: A } });
    expect(row.iconLight).toBeNull();

    const serviceWide = await updateVendorMetadata({ db, communityId: null, aaguid: B, input: { name: 'Service B2', updatedBy: 'ops' }, actor: 't' });
    expect(serviceWide).toMatchObject({ communityId: null, name: 'Service B2' });
    // The record of another community is untouched.
    expect((await listVendorMetadata({ db, scope: { communityId: c2 } }))[0]).toMatchObject({ name: 'Other', updatedBy: 'ops' });

    const events = await db.auditEvent.findMany({ where: { type: 'metadata.vendor_updated', communityId: c1 }, orderBy: { at: 'asc' } });
    expect(events.map((e) => e.detail)).toEqual([
      expect.objectContaining({ changed: ['name'], updatedBy: 'ops2' }),
      expect.objectContaining({ changed: expect.arrayContaining(['disabled', 'metadata']), disabled: true }),
    ]);
    expect(events[0]).toMatchObject({ tenantId, actor: 'license:l1', subject: A });
  });

  it('answers metadata.not_found and request.validation_failed on update', async () => {
    expect(await codeOf(updateVendorMetadata({ db, communityId: c2, aaguid: B, input: { name: 'x', updatedBy: 'o' }, actor: 't' }))).toBe('metadata.not_found');
    expect(await codeOf(updateVendorMetadata({ db, communityId: 'nope', aaguid: A, input: { name: 'x', updatedBy: 'o' }, actor: 't' }))).toBe('metadata.not_found');
    expect(await codeOf(updateVendorMetadata({ db, communityId: c1, aaguid: 'zz', input: { updatedBy: 'o' }, actor: 't' }))).toBe('request.validation_failed');
    expect(await codeOf(updateVendorMetadata({ db, communityId: c1, aaguid: A, input: { name: 'x' } as never, actor: 't' }))).toBe('request.validation_failed');
    expect(await codeOf(updateVendorMetadata({ db, communityId: c1, aaguid: A, input: { name: '', updatedBy: 'o' }, actor: 't' }))).toBe('request.validation_failed');
    expect(await db.auditEvent.count({ where: { type: 'metadata.vendor_updated', communityId: c2 } })).toBe(0);
  });
});
