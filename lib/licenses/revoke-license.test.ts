import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { createLicense } from './create-license';
import { revokeLicense } from './revoke-license';
import { openTestDb, seedTenant } from './test-support';

let db: TDb;
let close: () => Promise<void>;
let acme: { tenantId: string; communityIds: [string, string] };

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  acme = await seedTenant(db, 'Acme');
});
afterAll(() => close());

const newLicense = async (tenantId?: string) =>
  (await createLicense({ db, input: { authLevel: 'app', communityIds: [acme.communityIds[0]], tenantId }, actor: 'cli' })).license;

describe('revokeLicense', () => {
  it('sets revokedAt and writes one audit event', async () => {
    const license = await newLicense();
    const now = new Date('2026-11-02T08:00:00Z');
    const revoked = await revokeLicense({ db, input: { id: license.id }, actor: 'admin:1', now });
    expect(revoked).toMatchObject({ id: license.id, status: 'revoked', revokedAt: now.toISOString() });
    expect(revoked).not.toHaveProperty('keyHash');
    expect((await db.license.findUniqueOrThrow({ where: { id: license.id } })).revokedAt).toEqual(now);
    const audit = await db.auditEvent.findMany({ where: { type: 'licenses.revoked', subject: license.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin:1', result: 'success', communityId: acme.communityIds[0] });
  });

  it('is idempotent: a second revocation keeps the first revokedAt and writes no second event', async () => {
    const license = await newLicense();
    const first = await revokeLicense({ db, input: { id: license.id }, actor: 'cli', now: new Date('2026-11-02T08:00:00Z') });
    const second = await revokeLicense({ db, input: { id: license.id }, actor: 'cli', now: new Date('2026-11-03T08:00:00Z') });
    expect(second).toEqual(first);
    expect(await db.auditEvent.count({ where: { type: 'licenses.revoked', subject: license.id } })).toBe(1);
  });

  it('rejects an unknown id with licenses.not_found', async () => {
    await expect(revokeLicense({ db, input: { id: 'nope' }, actor: 'cli' })).rejects.toMatchObject({ code: 'licenses.not_found', status: 404 });
  });

  it('treats a license outside the caller scope as not found and leaves it unchanged', async () => {
    const license = await newLicense(acme.tenantId);
    const { tenantId: otherTenant } = await seedTenant(db, 'Other');
    await expect(
      revokeLicense({ db, input: { id: license.id }, actor: 'admin:2', scope: { tenantId: otherTenant } }),
    ).rejects.toMatchObject({ code: 'licenses.not_found' });
    expect((await db.license.findUniqueOrThrow({ where: { id: license.id } })).revokedAt).toBeNull();
    const inScope = await revokeLicense({ db, input: { id: license.id }, actor: 'admin:1', scope: { tenantId: acme.tenantId } });
    expect(inScope.status).toBe('revoked');
  });

  it('rejects a blank id with request.validation_failed', async () => {
    await expect(revokeLicense({ db, input: { id: ' ' }, actor: 'cli' })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });
});
