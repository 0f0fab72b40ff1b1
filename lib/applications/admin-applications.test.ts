import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { seedAdminWorld, worldPrincipals, type TAdminWorld } from '../admin/test-support';
import { findActiveApiKey } from '../apikeys/find-active-api-key';
import { createApplicationAsAdmin, getApplicationForAdmin, listApplicationsForAdmin, setApplicationStatus, updateApplication } from './admin-applications';
import { createApplicationKeyAsAdmin, listApplicationKeys, revokeApplicationKey } from './admin-application-keys';
import { findActiveApplication } from './find-application';

describe.each(TEST_PROVIDERS)('applications in the admin console on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let system: TAdminPrincipal;
  let acmeAdmin: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;
  let globexAdmin: TAdminPrincipal;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    ({ system, acme: acmeAdmin, web: webAdmin, globex: globexAdmin } = worldPrincipals(w));
  });
  afterAll(async () => close());

  const appRow = (id: string) => db.application.findUniqueOrThrow({ where: { id } });
  const base = { origins: ['https://web.example.com'], allowSignUp: true, tokenTtlSeconds: 3600 };

  it('creates applications in communities in scope, audited as the admin', async () => {
    const app = await createApplicationAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.web, name: ' Shop ', ...base, origins: ['https://web.example.com/', ''], tokenTtlSeconds: '900' } });
    expect(app).toMatchObject({ name: 'Shop', origins: ['https://web.example.com'], tokenTtlSeconds: 900, status: 'active', community: { id: w.acme.web, name: 'Web' }, tenant: { id: w.acme.id, name: 'Acme' }, activeKeyCount: 0 });
    expect(await db.auditEvent.count({ where: { type: 'applications.created', subject: app.id, actor: 'admin:web' } })).toBe(1);
    await createApplicationAsAdmin({ db, principal: globexAdmin, input: { communityId: w.globex.shop, name: 'Checkout', ...base, origins: [] } });
  });

  it('refuses another community (404), bad input and foreign origins, creating nothing', async () => {
    const before = await db.application.count();
    await expect(createApplicationAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.mobile, name: 'X', ...base, origins: [] } })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
    await expect(createApplicationAsAdmin({ db, principal: system, input: { communityId: w.consoleCommunityId, name: 'X', ...base, origins: [] } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    await expect(createApplicationAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.web, name: '', ...base } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { name: expect.any(String) } });
    await expect(createApplicationAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.web, name: 'X', ...base, tokenTtlSeconds: 10 } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { tokenTtlSeconds: expect.any(String) } });
    await expect(createApplicationAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.web, name: 'X', ...base, origins: ['https://evil.test'] } })).rejects.toMatchObject({ code: 'apikeys.origin_not_in_community', fields: { origins: expect.any(String) } });
    await expect(createApplicationAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.web, name: 'X', ...base, origins: ['http://web.example.com'] } })).rejects.toMatchObject({ code: 'tenancy.invalid_origin', fields: { origins: expect.any(String) } });
    expect(await db.application.count()).toBe(before);
  });

  it('lists the applications in scope, searched and paged', async () => {
    const names = async (p: TAdminPrincipal, query: Record<string, unknown> = {}) => (await listApplicationsForAdmin({ db, principal: p, query })).items.map((a) => a.name);
    expect((await names(system)).sort()).toEqual(['Checkout', 'Shop']);
    expect(await names(acmeAdmin)).toEqual(['Shop']);
    expect(await names(webAdmin, { q: 'SHO' })).toEqual(['Shop']);
    expect(await names(webAdmin, { q: 'checkout' })).toEqual([]);
    expect(await names(system, { communityId: w.globex.shop })).toEqual(['Checkout']);
    expect(await names(webAdmin, { communityId: w.globex.shop })).toEqual([]);
    await expect(listApplicationsForAdmin({ db, principal: system, query: { page: 0 } })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });

  it('edits, disables and enables an application in scope, audited with from/to', async () => {
    const [app] = (await listApplicationsForAdmin({ db, principal: webAdmin })).items;
    const updated = await updateApplication({ db, principal: acmeAdmin, applicationId: app!.id, input: { name: 'Shop 2', origins: ['https://web.example.com', 'https://m.example.com'], allowSignUp: false, tokenTtlSeconds: 600 } });
    expect(updated).toMatchObject({ name: 'Shop 2', origins: ['https://web.example.com', 'https://m.example.com'], allowSignUp: false, tokenTtlSeconds: 600 });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'applications.updated', subject: app!.id } });
    expect(audit).toMatchObject({ actor: 'admin:acme', detail: { changes: { name: { from: 'Shop', to: 'Shop 2' }, allowSignUp: { from: true, to: false }, tokenTtlSeconds: { from: 900, to: 600 } } } });
    expect((await setApplicationStatus({ db, principal: webAdmin, applicationId: app!.id, input: { status: 'disabled' } })).status).toBe('disabled');
    await expect(findActiveApplication({ db, applicationId: app!.id })).rejects.toMatchObject({ code: 'applications.not_found' });
    await setApplicationStatus({ db, principal: webAdmin, applicationId: app!.id, input: { status: 'disabled' } });
    expect((await setApplicationStatus({ db, principal: webAdmin, applicationId: app!.id, input: { status: 'active' } })).status).toBe('active');
    expect((await db.auditEvent.findMany({ where: { subject: app!.id, type: { in: ['applications.disabled', 'applications.enabled'] } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map((a) => a.type)).toEqual(['applications.disabled', 'applications.enabled']);
    await expect(setApplicationStatus({ db, principal: webAdmin, applicationId: app!.id, input: { status: 'paused' } })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });

  it("treats another community's application as not found and leaves it unchanged", async () => {
    const [checkout] = (await listApplicationsForAdmin({ db, principal: globexAdmin })).items;
    const before = await appRow(checkout!.id);
    for (const p of [acmeAdmin, webAdmin]) {
      await expect(getApplicationForAdmin({ db, principal: p, applicationId: checkout!.id })).rejects.toMatchObject({ code: 'applications.not_found', status: 404 });
      await expect(updateApplication({ db, principal: p, applicationId: checkout!.id, input: { name: 'Pwned', origins: [], allowSignUp: true, tokenTtlSeconds: 3600 } })).rejects.toMatchObject({ code: 'applications.not_found' });
      await expect(setApplicationStatus({ db, principal: p, applicationId: checkout!.id, input: { status: 'disabled' } })).rejects.toMatchObject({ code: 'applications.not_found' });
      await expect(createApplicationKeyAsAdmin({ db, principal: p, applicationId: checkout!.id, input: {} })).rejects.toMatchObject({ code: 'applications.not_found' });
      await expect(listApplicationKeys({ db, principal: p, applicationId: checkout!.id })).rejects.toMatchObject({ code: 'applications.not_found' });
    }
    expect(await appRow(checkout!.id)).toEqual(before);
    expect(await db.apiKey.count({ where: { applicationId: checkout!.id } })).toBe(0);
  });

  it('creates (shown once), lists and revokes the keys of an application', async () => {
    const [app] = (await listApplicationsForAdmin({ db, principal: webAdmin })).items;
    const { apiKey, key } = await createApplicationKeyAsAdmin({ db, principal: webAdmin, applicationId: app!.id, input: { label: 'ci' } });
    expect(key).toMatch(/^lkk_/);
    expect(apiKey).toMatchObject({ label: 'ci', status: 'active', keyPrefix: key.slice(0, 12) });
    expect(await findActiveApiKey({ db, key })).toMatchObject({ id: apiKey.id });
    const listed = await listApplicationKeys({ db, principal: webAdmin, applicationId: app!.id });
    expect(listed).toEqual([expect.objectContaining({ id: apiKey.id, label: 'ci' })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect((await getApplicationForAdmin({ db, principal: webAdmin, applicationId: app!.id })).activeKeyCount).toBe(1);
    expect(await db.auditEvent.count({ where: { type: 'applications.key_created', subject: apiKey.id, actor: 'admin:web' } })).toBe(1);
    // Another admin's scope: not found, the key stays active.
    await expect(revokeApplicationKey({ db, principal: globexAdmin, applicationId: app!.id, keyId: apiKey.id })).rejects.toMatchObject({ code: 'applications.not_found' });
    const [checkout] = (await listApplicationsForAdmin({ db, principal: globexAdmin })).items;
    await expect(revokeApplicationKey({ db, principal: system, applicationId: checkout!.id, keyId: apiKey.id })).rejects.toMatchObject({ code: 'apikeys.not_found', status: 404 });
    expect(await findActiveApiKey({ db, key })).toBeDefined();
    const revoked = await revokeApplicationKey({ db, principal: webAdmin, applicationId: app!.id, keyId: apiKey.id });
    expect(revoked.status).toBe('revoked');
    expect(await findActiveApiKey({ db, key })).toBeUndefined();
    expect(await db.auditEvent.count({ where: { type: 'apikeys.revoked', subject: apiKey.id, actor: 'admin:web' } })).toBe(1);
    await expect(createApplicationKeyAsAdmin({ db, principal: webAdmin, applicationId: app!.id, input: { label: 'x'.repeat(101) } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { label: expect.any(String) } });
  });
});
