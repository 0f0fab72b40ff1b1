import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { isAppError, type TErrorCode } from '../errors';
import { enrollTestAdmin, seedAdminWorld, SYSTEM, type TAdminWorld, type TTestAdmin } from '../admin/test-support';
import { getDashboard } from './get-dashboard';

async function expectCode(p: Promise<unknown>, code: TErrorCode, field?: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isAppError(e) && e.code).toBe(code);
  if (field) expect(isAppError(e) && e.fields).toHaveProperty(field);
}

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const GOOGLE = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const ZERO = '00000000-0000-0000-0000-000000000000';
const model = (d: number) => `${String(d).repeat(8)}-${String(d).repeat(4)}-${String(d).repeat(4)}-${String(d).repeat(4)}-${String(d).repeat(12)}`;

describe.each(TEST_PROVIDERS)('the dashboard on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TTestAdmin;
  let webAdmin: TTestAdmin;
  let globexAdmin: TTestAdmin;
  const now = new Date('2026-11-30T15:00:00Z');

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    root = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink, username: 'root' });
    webAdmin = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] });
    globexAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.globex.id, communityIds: [] });
    await db.auditEvent.deleteMany({});
    const ev = (iso: string, type: string, result: string, communityId: string, detail: object = {}) => ({ at: new Date(iso), type, actor: 'user:x', result, communityId, detail });
    await db.auditEvent.createMany({
      data: [
        ev('2026-11-30T00:00:00Z', 'passkeys.authenticated', 'success', w.acme.web),
        ev('2026-11-30T09:00:00Z', 'passkeys.authenticated', 'success', w.acme.web),
        ev('2026-11-30T14:59:59Z', 'passkeys.authenticated', 'success', w.acme.web),
        ev('2026-11-29T23:59:59Z', 'passkeys.authenticated', 'success', w.acme.web),
        ev('2026-11-23T23:59:59Z', 'passkeys.authenticated', 'success', w.acme.web), // before the 7 days
        ev('2026-11-30T15:00:01Z', 'passkeys.authenticated', 'success', w.acme.web), // after now
        ev('2026-11-28T10:00:00Z', 'passkeys.registered', 'success', w.acme.web),
        ev('2026-11-28T11:00:00Z', 'passkeys.signed_up', 'success', w.acme.web),
        ev('2026-11-30T10:00:00Z', 'passkeys.authentication_failed', 'failure', w.acme.web, { code: 'passkeys.unknown_credential' }),
        ev('2026-11-30T11:00:00Z', 'passkeys.authentication_failed', 'failure', w.acme.web, { code: 'passkeys.unknown_credential' }),
        ev('2026-11-27T10:00:00Z', 'passkeys.registration_failed', 'failure', w.acme.web, { code: 'passkeys.challenge_expired' }),
        ev('2026-11-26T10:00:00Z', 'passkeys.counter_regression', 'failure', w.acme.web, { code: 'passkeys.verification_failed' }),
        ev('2026-11-24T10:00:00Z', 'passkeys.authentication_failed', 'failure', w.acme.web, {}),
        ev('2026-11-30T10:00:00Z', 'passkeys.renamed', 'success', w.acme.web), // not a ceremony
        ev('2026-11-30T12:00:00Z', 'passkeys.authenticated', 'success', w.globex.shop),
      ],
    });
    const user = await db.user.create({ data: { communityId: w.acme.web, username: 'alice', displayName: 'Alice', userHandle: 'h1' } });
    const shopUser = await db.user.create({ data: { communityId: w.globex.shop, username: 'bob', displayName: 'Bob', userHandle: 'h2' } });
    let n = 0;
    const passkey = (aaguid: string, backupEligible: boolean, backupState: boolean, u = user) =>
      db.passkey.create({ data: { communityId: u.communityId, userId: u.id, credentialId: `c${++n}`, publicKey: 'pk', alg: -7, aaguid, backupEligible, backupState, name: 'k' } });
    for (let i = 0; i < 3; i++) await passkey(ICLOUD, true, true);
    for (let i = 0; i < 2; i++) await passkey(GOOGLE, true, false);
    await passkey(ZERO, false, false);
    for (let d = 1; d <= 5; d++) await passkey(model(d), false, false);
    await passkey(ICLOUD, true, true, shopUser);
    await db.vendorMetadata.create({ data: { communityId: w.acme.web, aaguid: model(1), name: 'Acme Web Key' } });
    await db.vendorMetadata.create({ data: { communityId: null, aaguid: model(2), name: 'Service Key' } });
  });
  afterAll(async () => close());

  const dashboard = (admin: TTestAdmin, query: Record<string, unknown> = {}) => getDashboard({ db, principal: admin.principal, query, now });

  it("counts a community's ceremonies per UTC day over the period", async () => {
    const d = await dashboard(webAdmin, { days: 7 });
    expect(d).toMatchObject({ communityId: null, days: 7, from: '2026-11-24T00:00:00.000Z', to: now.toISOString(), truncated: false });
    expect(d.perDay.map((x) => x.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(d.perDay.at(-1)).toEqual({ day: '2026-11-30', signIns: 3, registrations: 0, failures: 2 });
    expect(d.perDay[4]).toEqual({ day: '2026-11-28', signIns: 0, registrations: 2, failures: 0 });
    expect(d.totals).toEqual({ signIns: 4, registrations: 2, failures: 5 });
    expect(d.failuresByReason).toEqual([
      { reason: 'passkeys.unknown_credential', count: 2 },
      { reason: 'passkeys.challenge_expired', count: 1 },
      { reason: 'passkeys.counter_regression', count: 1 },
      { reason: 'unknown', count: 1 },
    ]);
    expect((await dashboard(webAdmin, { days: 30 })).totals.signIns).toBe(5);
  });

  it('shows the authenticator mix: top models by name, the rest as Other, and the backup state', async () => {
    const d = await dashboard(webAdmin, { communityId: w.acme.web });
    expect(d.passkeys).toBe(11);
    expect(d.authenticators).toEqual([
      { aaguid: ICLOUD, name: 'iCloud Keychain', count: 3 },
      { aaguid: GOOGLE, name: 'Google Password Manager', count: 2 },
      { aaguid: ZERO, name: 'Unidentified (no AAGUID)', count: 1 },
      { aaguid: model(1), name: 'Acme Web Key', count: 1 },
      { aaguid: model(2), name: 'Service Key', count: 1 },
      { aaguid: model(3), name: 'Unknown model 33333333…', count: 1 },
      { aaguid: null, name: 'Other', count: 2 },
    ]);
    expect(d.backup).toEqual({ synced: 3, notBackedUp: 2, deviceBound: 6 });
    // Across communities, a community's own name for a model is not used.
    expect((await dashboard(root)).authenticators.find((a) => a.aaguid === model(1))?.name).toBe('Unknown model 11111111…');
  });

  it('keeps to the scope: other communities are 404, and their figures are not counted', async () => {
    await expectCode(dashboard(webAdmin, { communityId: w.globex.shop }), 'tenancy.community_not_found');
    await expectCode(dashboard(globexAdmin, { communityId: w.acme.web }), 'tenancy.community_not_found');
    const shop = await dashboard(globexAdmin);
    expect(shop.totals).toEqual({ signIns: 1, registrations: 0, failures: 0 });
    expect(shop.passkeys).toBe(1);
    expect((await dashboard(root)).totals.signIns).toBe(6);
  });

  it('refuses a period that is not 7, 30 or 90 days', async () => {
    await expectCode(dashboard(root, { days: 14 }), 'request.validation_failed', 'days');
    await expectCode(dashboard(root, { days: 7, extra: 1 }), 'request.validation_failed');
  });
});
