import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../crypto/tokens';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { createApplication } from './create-application';
import { createApplicationKey } from './create-application-key';
import { findActiveApplication } from './find-application';
import { listApplications } from './list-applications';

let db: TDb;
let close: () => Promise<void>;
let acme: { tenantId: string; communityIds: [string, string] };
let other: { tenantId: string; communityIds: [string, string] };
const ACME = 'https://acme.example.com';

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  acme = await seedTenant(db, 'Acme');
  other = await seedTenant(db, 'Other');
});
afterAll(() => close());

describe('createApplication', () => {
  it('registers an application with normalised origins and defaults, audited in the same transaction', async () => {
    const now = new Date('2026-11-01T10:00:00Z');
    const app = await createApplication({ db, input: { communityId: acme.communityIds[0], name: ' Shop ', origins: [`${ACME}/`, ACME, 'https://shop.acme.example.com'] }, actor: 'cli', now });
    expect(app).toEqual({
      id: expect.any(String),
      communityId: acme.communityIds[0],
      name: 'Shop',
      origins: [ACME, 'https://shop.acme.example.com'],
      allowSignUp: true,
      tokenTtlSeconds: 3600,
      status: 'active',
      createdAt: now.toISOString(),
      updatedAt: expect.any(String),
    });
    const audit = await db.auditEvent.findMany({ where: { type: 'applications.created', subject: app.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', tenantId: acme.tenantId, communityId: acme.communityIds[0] });
  });

  it.each([
    [{ name: '' }, 'request.validation_failed'],
    [{ name: 'x', tokenTtlSeconds: 10 }, 'request.validation_failed'],
    [{ name: 'x', tokenTtlSeconds: 86_401 }, 'request.validation_failed'],
    [{ name: 'x', extra: true }, 'request.validation_failed'],
    [{ name: 'x', origins: ['ftp://acme.example.com'] }, 'tenancy.invalid_origin'],
    [{ name: 'x', origins: ['android:apk-key-hash:abc'] }, 'tenancy.invalid_origin'],
    [{ name: 'x', origins: ['https://evil.example'] }, 'apikeys.origin_not_in_community'],
  ])('refuses %j with %s and creates nothing', async (fields, code) => {
    const before = await db.application.count();
    await expect(createApplication({ db, input: { communityId: acme.communityIds[0], ...fields } as never, actor: 'cli' })).rejects.toMatchObject({ code });
    expect(await db.application.count()).toBe(before);
  });

  it('refuses an unknown community with tenancy.community_not_found', async () => {
    await expect(createApplication({ db, input: { communityId: 'nope', name: 'x' }, actor: 'cli' })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
  });
});

describe('findActiveApplication / listApplications', () => {
  it('finds active applications only, and lists per community', async () => {
    const a = await createApplication({ db, input: { communityId: other.communityIds[0], name: 'A' }, actor: 'cli' });
    const b = await createApplication({ db, input: { communityId: other.communityIds[1], name: 'B' }, actor: 'cli' });
    expect(await findActiveApplication({ db, applicationId: ` ${a.id} ` })).toMatchObject({ id: a.id, name: 'A' });
    await db.application.update({ where: { id: b.id }, data: { status: 'disabled' } });
    for (const id of [b.id, 'unknown', '', null, undefined, 'x'.repeat(129)]) {
      await expect(findActiveApplication({ db, applicationId: id })).rejects.toMatchObject({ code: 'applications.not_found', status: 404 });
    }
    expect((await listApplications({ db, communityId: other.communityIds[0] })).map((x) => x.id)).toEqual([a.id]);
    expect((await listApplications({ db })).map((x) => x.id)).toEqual(expect.arrayContaining([a.id, b.id]));
  });
});

describe('createApplicationKey', () => {
  it('returns the key once, stores its hash bound to the application, and audits', async () => {
    const app = await createApplication({ db, input: { communityId: acme.communityIds[1], name: 'Backend' }, actor: 'cli' });
    const { apiKey, key } = await createApplicationKey({ db, input: { applicationId: app.id, label: 'ci' }, actor: 'cli' });
    expect(key).toMatch(/^lkk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ applicationId: app.id, communityId: acme.communityIds[1], allowedOrigins: [], label: 'ci', status: 'active' });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row).toMatchObject({ secretHash: hashSecret(key), applicationId: app.id });
    expect(await db.auditEvent.count({ where: { type: 'applications.key_created', subject: apiKey.id } })).toBe(1);
  });

  it('refuses an unknown application and bad input, creating nothing', async () => {
    const before = await db.apiKey.count();
    await expect(createApplicationKey({ db, input: { applicationId: 'nope' }, actor: 'cli' })).rejects.toMatchObject({ code: 'applications.not_found' });
    await expect(createApplicationKey({ db, input: { applicationId: '' }, actor: 'cli' })).rejects.toMatchObject({ code: 'request.validation_failed' });
    expect(await db.apiKey.count()).toBe(before);
  });
});
