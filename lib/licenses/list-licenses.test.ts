import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { createLicense } from './create-license';
import { listLicenses } from './list-licenses';
import { revokeLicense } from './revoke-license';
import { openTestDb, seedTenant } from './test-support';

let db: TDb;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
});
afterAll(() => close());

describe('listLicenses', () => {
  it('is empty on a fresh database', async () => {
    expect(await listLicenses({ db })).toEqual([]);
  });

  it('lists DTOs oldest first, without hashes, filtered by scope and status', async () => {
    const acme = await seedTenant(db, 'Acme');
    const other = await seedTenant(db, 'Other');
    const a = await createLicense({
      db, input: { authLevel: 'system', communityIds: [] }, actor: 'cli', now: new Date('2026-11-01T00:00:00Z'),
    });
    const b = await createLicense({
      db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]], tenantId: acme.tenantId, label: 'b' }, actor: 'cli',
      now: new Date('2026-11-02T00:00:00Z'),
    });
    const c = await createLicense({
      db, input: { authLevel: 'service', communityIds: [other.communityIds[1]], tenantId: other.tenantId }, actor: 'cli',
      now: new Date('2026-11-03T00:00:00Z'),
    });
    await revokeLicense({ db, input: { id: a.license.id }, actor: 'cli' });

    const all = await listLicenses({ db });
    expect(all.map((l) => l.id)).toEqual([a.license.id, b.license.id, c.license.id]);
    expect(all[0]).toMatchObject({ status: 'revoked', authLevel: 'system', communityIds: [] });
    expect(all[1]).toEqual(b.license);
    for (const l of all) {
      expect(Object.keys(l).sort()).toEqual(
        ['authLevel', 'communityIds', 'createdAt', 'id', 'keyPrefix', 'label', 'lastUsedAt', 'revokedAt', 'status', 'tenantId'],
      );
    }
    const serialized = JSON.stringify(all);
    for (const { key } of [a, b, c]) expect(serialized).not.toContain(key);

    expect((await listLicenses({ db, input: { includeRevoked: false } })).map((l) => l.id)).toEqual([b.license.id, c.license.id]);
    expect((await listLicenses({ db, scope: { tenantId: acme.tenantId } })).map((l) => l.id)).toEqual([b.license.id]);
  });

  it('rejects unknown filters with request.validation_failed', async () => {
    await expect(listLicenses({ db, input: { tenantId: 'x' } as never })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });
});
