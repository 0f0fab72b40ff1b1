import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../crypto/tokens';
import type { TDb } from '../db';
import { createLicense } from './create-license';
import { AUTH_LEVELS } from './license';
import { openTestDb, seedTenant } from './test-support';

let db: TDb;
let close: () => Promise<void>;
let acme: { tenantId: string; communityIds: [string, string] };
let other: { tenantId: string; communityIds: [string, string] };

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  acme = await seedTenant(db, 'Acme');
  other = await seedTenant(db, 'Other');
});
afterAll(() => close());

describe('createLicense', () => {
  it('returns the key once, stores only its hash and a prefix, and audits in the same transaction', async () => {
    const now = new Date('2026-11-01T10:00:00Z');
    const { license, key } = await createLicense({
      db,
      input: { authLevel: 'app', communityIds: [acme.communityIds[0], acme.communityIds[0]], label: ' Shop backend ' },
      actor: 'cli',
      now,
    });
    expect(key).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(license).toEqual({
      id: expect.any(String),
      tenantId: null,
      keyPrefix: key.slice(0, 11),
      authLevel: 'app',
      communityIds: [acme.communityIds[0]],
      label: 'Shop backend',
      status: 'active',
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(license)).not.toContain(hashSecret(key));
    const row = await db.license.findUniqueOrThrow({ where: { id: license.id } });
    expect(row.keyHash).toBe(hashSecret(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const audit = await db.auditEvent.findMany({ where: { type: 'licenses.created', subject: license.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', result: 'success', communityId: acme.communityIds[0] });
    expect(JSON.stringify(audit[0]?.detail)).not.toContain(key);
  });

  it('generates a different key every time', async () => {
    const input = { authLevel: 'service', communityIds: [acme.communityIds[1]] };
    const a = await createLicense({ db, input, actor: 'cli' });
    const b = await createLicense({ db, input, actor: 'cli' });
    expect(a.key).not.toBe(b.key);
    expect(a.license.id).not.toBe(b.license.id);
  });

  it.each(AUTH_LEVELS)('accepts authLevel %s', async (authLevel) => {
    const { license } = await createLicense({ db, input: { authLevel, communityIds: [acme.communityIds[0]] }, actor: 'cli' });
    expect(license.authLevel).toBe(authLevel);
  });

  it('lets a service-wide system license name no community (= all)', async () => {
    const { license } = await createLicense({ db, input: { authLevel: 'system', communityIds: [] }, actor: 'cli' });
    expect(license.communityIds).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'licenses.created', subject: license.id } });
    expect(audit.communityId).toBeNull();
  });

  it('creates a tenant license for communities of that tenant', async () => {
    const { license } = await createLicense({
      db,
      input: { authLevel: 'app_ext', communityIds: [...acme.communityIds], tenantId: acme.tenantId },
      actor: 'cli',
    });
    expect(license).toMatchObject({ tenantId: acme.tenantId, communityIds: acme.communityIds });
  });

  it('composes into a caller transaction', async () => {
    const id = await db.$transaction(async (tx) => {
      const { license } = await createLicense({ db: tx, input: { authLevel: 'app', communityIds: [acme.communityIds[0]] }, actor: 'cli' });
      return license.id;
    });
    expect(await db.license.count({ where: { id } })).toBe(1);
  });

  it.each(['admin', '', 'SYSTEM', undefined])('rejects authLevel %j with licenses.invalid_auth_level', async (authLevel) => {
    await expect(
      createLicense({ db, input: { authLevel: authLevel as string, communityIds: [acme.communityIds[0]] }, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'licenses.invalid_auth_level', status: 400 });
  });

  it('requires communities for every level but service-wide system (request.validation_failed)', async () => {
    await expect(createLicense({ db, input: { authLevel: 'app', communityIds: [] }, actor: 'cli' })).rejects.toMatchObject({
      code: 'request.validation_failed',
      fields: { communityIds: 'at least one community is required' },
    });
    await expect(
      createLicense({ db, input: { authLevel: 'system', communityIds: [], tenantId: acme.tenantId }, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'request.validation_failed', fields: { communityIds: expect.stringMatching(/tenant license/) } });
  });

  it('rejects unknown fields and a blank label (request.validation_failed)', async () => {
    const input = { authLevel: 'app', communityIds: [acme.communityIds[0]], keyHash: 'x' } as never;
    await expect(createLicense({ db, input, actor: 'cli' })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(
      createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]], label: '  ' }, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'request.validation_failed', fields: { label: expect.any(String) } });
  });

  it('rejects an unknown tenant with tenancy.tenant_not_found', async () => {
    await expect(
      createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]], tenantId: 'nope' }, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'tenancy.tenant_not_found', status: 404 });
  });

  it('rejects unknown communities, and another tenant\'s, with tenancy.community_not_found and writes nothing', async () => {
    const before = { licenses: await db.license.count(), audit: await db.auditEvent.count() };
    await expect(
      createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0], 'missing'] }, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'tenancy.community_not_found', detail: 'missing' });
    await expect(
      createLicense({ db, input: { authLevel: 'app', communityIds: [other.communityIds[0]], tenantId: acme.tenantId }, actor: 'cli' }),
    ).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
    expect({ licenses: await db.license.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });
});
