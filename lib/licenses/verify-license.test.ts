import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { createLicense } from './create-license';
import type { TLicenseDto } from './license';
import { revokeLicense } from './revoke-license';
import { assertLicenseAllows, findActiveLicense, LAST_USED_RESOLUTION_MS } from './verify-license';
import { openTestDb, seedTenant } from './test-support';

let db: TDb;
let close: () => Promise<void>;
let acme: { tenantId: string; communityIds: [string, string] };

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  acme = await seedTenant(db, 'Acme');
});
afterAll(() => close());

describe('findActiveLicense', () => {
  it('finds a license by its key and records the use at most once a minute', async () => {
    const { license, key } = await createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]] }, actor: 'cli' });
    const t0 = new Date('2026-11-05T12:00:00Z');
    const found = await findActiveLicense({ db, key, now: t0 });
    expect(found).toEqual({ ...license, lastUsedAt: t0.toISOString() });

    const soon = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS - 1);
    expect((await findActiveLicense({ db, key, now: soon }))?.lastUsedAt).toBe(t0.toISOString());
    expect((await db.license.findUniqueOrThrow({ where: { id: license.id } })).lastUsedAt).toEqual(t0);

    const later = new Date(t0.getTime() + LAST_USED_RESOLUTION_MS);
    expect((await findActiveLicense({ db, key, now: later }))?.lastUsedAt).toBe(later.toISOString());
    expect((await db.license.findUniqueOrThrow({ where: { id: license.id } })).lastUsedAt).toEqual(later);
  });

  it('accepts surrounding whitespace from a header value', async () => {
    const { license, key } = await createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]] }, actor: 'cli' });
    expect((await findActiveLicense({ db, key: ` ${key}\n` }))?.id).toBe(license.id);
  });

  it('returns undefined for unknown, empty, oversized and revoked keys', async () => {
    const { license, key } = await createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]] }, actor: 'cli' });
    expect(await findActiveLicense({ db, key: key + 'x' })).toBeUndefined();
    expect(await findActiveLicense({ db, key: '' })).toBeUndefined();
    expect(await findActiveLicense({ db, key: 'a'.repeat(513) })).toBeUndefined();
    await revokeLicense({ db, input: { id: license.id }, actor: 'cli' });
    expect(await findActiveLicense({ db, key })).toBeUndefined();
  });
});

describe('assertLicenseAllows', () => {
  const base: TLicenseDto = {
    id: 'lic1', tenantId: null, keyPrefix: 'lk_abcdefgh', authLevel: 'app', communityIds: ['c1', 'c2'], label: null,
    status: 'active', createdAt: '2026-11-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null,
  };
  const forbidden = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('auth.forbidden');
      expect((e as AppError).status).toBe(403);
      expect((e as AppError).publicMessage).toBe('Not permitted.');
      return (e as AppError).detail;
    }
    throw new Error('expected auth.forbidden');
  };

  it('allows an accepted level on one of its communities, or on no community', () => {
    expect(() => assertLicenseAllows(base, { levels: ['app', 'app_ext'], communityId: 'c2' })).not.toThrow();
    expect(() => assertLicenseAllows(base, { levels: ['app'], communityId: undefined })).not.toThrow();
  });

  it('lets a system license without communities act on any community', () => {
    const system = { ...base, authLevel: 'system' as const, communityIds: [] };
    expect(() => assertLicenseAllows(system, { levels: ['system'], communityId: 'anything' })).not.toThrow();
  });

  it('refuses a level the endpoint does not accept with auth.forbidden', () => {
    expect(forbidden(() => assertLicenseAllows(base, { levels: ['system', 'service'], communityId: 'c1' }))).toMatch(/authLevel app/);
  });

  it('refuses a community outside the license with auth.forbidden', () => {
    expect(forbidden(() => assertLicenseAllows(base, { levels: ['app'], communityId: 'c3' }))).toMatch(/community c3/);
    const systemScoped = { ...base, authLevel: 'system' as const, communityIds: ['c1'] };
    forbidden(() => assertLicenseAllows(systemScoped, { levels: ['system'], communityId: 'c2' }));
    const appWithout = { ...base, communityIds: [] };
    forbidden(() => assertLicenseAllows(appWithout, { levels: ['app'], communityId: 'c1' }));
  });

  it('refuses a revoked license with auth.forbidden', () => {
    expect(forbidden(() => assertLicenseAllows({ ...base, revokedAt: '2026-11-02T00:00:00.000Z' }, { levels: ['app'], communityId: 'c1' }))).toMatch(/revoked/);
  });
});
