import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';
import type { TAdminResponse } from '../support/admin-client';
import type { TErrorCode } from '../../lib/errors';

/**
 * The Tenants & communities and Applications pages' endpoints over HTTP: tenants (system admins
 * only), communities (create: system and tenant admins; edit: anyone who administers them),
 * relying party with the rpId-change confirmation, branding, applications and their keys; and
 * their outsider specs (another tenant's or community's ids are not found and nothing changes).
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const host = new URL(baseUrl).hostname;

let kit: TAdminTestKit;
let root: TSignedInAdmin;
let acmeAdmin: TSignedInAdmin;
let webAdmin: TSignedInAdmin;
let globexAdmin: TSignedInAdmin;
let acme: { id: string; communities: Record<string, string> };
let globex: { id: string; communities: Record<string, string> };

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  ({ acme, globex, root, acmeAdmin, webAdmin, globexAdmin } = await kit.seedWorld());
});
afterAll(async () => kit?.close());

/** Tenancy and application rows a refused request must leave as they were. */
async function tenancyState() {
  const [tenants, communities, applications, apiKeys] = await Promise.all([
    kit.db.tenant.findMany({ orderBy: { id: 'asc' } }),
    kit.db.community.findMany({ orderBy: { id: 'asc' } }),
    kit.db.application.findMany({ orderBy: { id: 'asc' } }),
    kit.db.apiKey.findMany({ orderBy: { id: 'asc' } }),
  ]);
  return { tenants, communities, applications, apiKeys };
}

async function expectTenancyUnchanged(act: () => Promise<TAdminResponse<unknown>>, status: number, code: TErrorCode): Promise<TAdminResponse<unknown>> {
  const before = await tenancyState();
  const res = await act();
  expectAdminError(res, status, code);
  expect(await tenancyState()).toEqual(before);
  return res;
}

const rp = (over: Record<string, unknown> = {}) => ({
  rpId: host, rpName: 'Web', origins: [baseUrl], relatedOrigins: [], userVerification: 'preferred', attestation: 'none', algorithms: [-7, -257], timeoutMs: 300000, allowCrossOrigin: false, allowedTopOrigins: [], ...over,
});
const noBranding = { displayName: '', logoUrl: '', primaryColor: '', backgroundColor: '' };

describe('tenants and communities', () => {
  it('lists the tenants in scope with their communities, searched and paged', async () => {
    const all = expectOk(await root.client.listTenants({ pageSize: 100 }));
    expect(all.items.map((t) => t.id)).toEqual(expect.arrayContaining([acme.id, globex.id]));
    expect(expectOk(await acmeAdmin.client.listTenants()).items).toEqual([expect.objectContaining({ id: acme.id, canAddCommunity: true, canRename: false })]);
    const web = expectOk(await webAdmin.client.listTenants());
    expect(web.items.map((t) => [t.id, t.communities.map((c) => c.id)])).toEqual([[acme.id, [acme.communities.Web]]]);
    // Other suites seed tenants named Globex too: search for this one's unique name, in lower case.
    const { name: globexName } = await kit.db.tenant.findUniqueOrThrow({ where: { id: globex.id }, select: { name: true } });
    expect(expectOk(await root.client.listTenants({ q: globexName.toLowerCase() })).items.map((t) => t.id)).toEqual([globex.id]);
    expectAdminError(await root.client.listTenants({ pageSize: 7 }), 400, 'request.validation_failed');
  });

  it('creates and renames tenants as a system admin; other roles get 403 and nothing changes', async () => {
    const created = await root.client.createTenant({ name: 'Initech' });
    expect(created.status).toBe(201);
    const id = created.data.tenant.id;
    expect(expectOk(await root.client.renameTenant(id, { name: 'Initrode' })).tenant).toEqual({ id, name: 'Initrode' });
    for (const who of [acmeAdmin, webAdmin]) {
      await expectTenancyUnchanged(() => who.client.createTenant({ name: 'Mine' }), 403, 'auth.forbidden');
      await expectTenancyUnchanged(() => who.client.renameTenant(acme.id, { name: 'Mine' }), 403, 'auth.forbidden');
    }
    const bad = await expectTenancyUnchanged(() => root.client.createTenant({ name: '' }), 400, 'request.validation_failed');
    expect((bad.body as { error: { fields: object } }).error.fields).toHaveProperty('name');
    await expectTenancyUnchanged(() => root.client.renameTenant('nope', { name: 'X' }), 404, 'tenancy.tenant_not_found');
  });

  it('lets a tenant admin create a community in its tenant only; community admins get 403', async () => {
    const input = { tenantId: acme.id, name: 'Partners', rpId: host, origins: [baseUrl] };
    const res = await acmeAdmin.client.createCommunity(input);
    expect(res.status).toBe(201);
    expect(res.data.community).toMatchObject({ name: 'Partners', tenant: { id: acme.id }, rpId: host, origins: [baseUrl] });
    await expectTenancyUnchanged(() => acmeAdmin.client.createCommunity({ ...input, tenantId: globex.id, name: 'Sneaky' }), 404, 'tenancy.tenant_not_found');
    await expectTenancyUnchanged(() => webAdmin.client.createCommunity({ ...input, name: 'Sneaky' }), 403, 'auth.forbidden');
    await expectTenancyUnchanged(() => acmeAdmin.client.createCommunity(input), 409, 'tenancy.community_exists');
    const bad = await expectTenancyUnchanged(() => acmeAdmin.client.createCommunity({ ...input, name: 'Bad', origins: ['https://elsewhere.example'] }), 400, 'tenancy.invalid_rp_id');
    expect((bad.body as { error: { fields: object } }).error.fields).toHaveProperty('rpId');
  });

  it("edits a community's general settings, relying party and branding; the hosted sign-in page shows the branding", async () => {
    const id = acme.communities.Web!;
    expect(expectOk(await webAdmin.client.getCommunity(id)).community).toMatchObject({ id, name: 'Web', rpId: host, signInPath: `/c/${id}/login` });
    expect(expectOk(await webAdmin.client.renameCommunity(id, { name: 'Website' })).community.name).toBe('Website');
    const updated = expectOk(await webAdmin.client.updateRelyingParty(id, rp({ userVerification: 'required', timeoutMs: 120000, relatedOrigins: ['https://example.org'] }))).community;
    expect(updated).toMatchObject({ userVerification: 'required', timeoutMs: 120000, relatedOrigins: ['https://example.org'], algorithms: [-7, -257] });
    const branded = expectOk(await webAdmin.client.updateBranding(id, { displayName: 'Acme Web', logoUrl: '', primaryColor: '#0f766e', backgroundColor: '#f0fdfa' })).community;
    expect(branded.branding).toEqual({ displayName: 'Acme Web', logoUrl: '', primaryColor: '#0f766e', backgroundColor: '#f0fdfa' });
    const page = await fetch(`${baseUrl}/c/${id}/login`).then((r) => r.text());
    expect(page).toContain('Acme Web');
    expect(page).toContain('--color-brand-600:#0f766e');
    const types = (await kit.db.auditEvent.findMany({ where: { subject: id, actor: `admin:${webAdmin.admin.id}` } })).map((a) => a.type).sort();
    expect(types).toEqual(['tenancy.branding_changed', 'tenancy.community_renamed', 'tenancy.relying_party_changed']);
  });

  it('needs confirmRpIdChange to move a community with passkeys to another rpId (409), then records from/to', async () => {
    const id = acme.communities.Mobile!;
    const user = await kit.db.user.create({ data: { communityId: id, userHandle: `h-${Date.now()}`, username: 'ada', displayName: 'Ada' } });
    await kit.db.passkey.create({ data: { communityId: id, userId: user.id, credentialId: `c-${Date.now()}`, publicKey: 'pk', alg: -7, name: 'Phone' } });
    const moved = rp({ rpId: 'mobile.acme.example', rpName: 'Mobile', origins: ['https://mobile.acme.example'] });
    await expectTenancyUnchanged(() => acmeAdmin.client.updateRelyingParty(id, moved), 409, 'tenancy.rp_id_change_unconfirmed');
    expect(expectOk(await acmeAdmin.client.updateRelyingParty(id, { ...moved, confirmRpIdChange: true })).community.rpId).toBe('mobile.acme.example');
    const audit = await kit.db.auditEvent.findFirstOrThrow({ where: { subject: id, type: 'tenancy.relying_party_changed' } });
    expect(audit.detail).toMatchObject({ changes: { rpId: { from: host, to: 'mobile.acme.example' } } });
  });

  it.each<[string, Record<string, unknown>, TErrorCode, string]>([
    ['no origins', { origins: [] }, 'request.validation_failed', 'origins'],
    ['an unknown algorithm', { algorithms: [42] }, 'request.validation_failed', 'algorithms'],
    ['cross-origin without top origins', { allowCrossOrigin: true }, 'request.validation_failed', 'allowedTopOrigins'],
    ['an http origin', { origins: ['http://web.example.com'] }, 'tenancy.invalid_origin', 'origins'],
    ['an origin outside the rpId', { origins: ['https://elsewhere.example'] }, 'tenancy.invalid_rp_id', 'rpId'],
  ])('refuses relying-party settings with %s, fields next to the form field, nothing changed', async (_, over, code, field) => {
    const res = await expectTenancyUnchanged(() => webAdmin.client.updateRelyingParty(acme.communities.Web!, rp(over)), 400, code);
    expect((res.body as { error: { fields: object } }).error.fields).toHaveProperty(field);
  });

  it("refuses another tenant's or community's community (404) and the console realm, changing nothing", async () => {
    const consoleId = (await kit.db.community.findFirstOrThrow({ where: { purpose: 'console' } })).id;
    const shop = globex.communities.Shop!;
    for (const [who, id] of [[acmeAdmin, shop], [webAdmin, acme.communities.Mobile!], [globexAdmin, acme.communities.Web!], [root, consoleId]] as const) {
      await expectTenancyUnchanged(() => who.client.getCommunity(id), 404, 'tenancy.community_not_found');
      await expectTenancyUnchanged(() => who.client.renameCommunity(id, { name: 'Pwned' }), 404, 'tenancy.community_not_found');
      await expectTenancyUnchanged(() => who.client.updateRelyingParty(id, rp()), 404, 'tenancy.community_not_found');
      await expectTenancyUnchanged(() => who.client.updateBranding(id, { ...noBranding, displayName: 'Pwned' }), 404, 'tenancy.community_not_found');
    }
    const bad = await expectTenancyUnchanged(() => webAdmin.client.updateBranding(acme.communities.Web!, { ...noBranding, primaryColor: 'red', extra: 1 }), 400, 'request.validation_failed');
    expect((bad.body as { error: { fields: object } }).error.fields).toHaveProperty('primaryColor');
  });
});

describe('applications', () => {
  let appId: string;
  let shopAppId: string;

  it('creates, lists, edits, disables and enables applications in scope', async () => {
    const res = await webAdmin.client.createApplication({ communityId: acme.communities.Web!, name: 'Storefront', origins: [baseUrl], allowSignUp: true, tokenTtlSeconds: 900 });
    expect(res.status).toBe(201);
    appId = res.data.application.id;
    expect(res.data.application).toMatchObject({ name: 'Storefront', origins: [baseUrl], community: { id: acme.communities.Web }, status: 'active', activeKeyCount: 0 });
    shopAppId = expectOk(await globexAdmin.client.createApplication({ communityId: globex.communities.Shop!, name: 'Till', origins: [], allowSignUp: false, tokenTtlSeconds: 3600 })).application.id;
    expect(expectOk(await acmeAdmin.client.listApplications()).items.map((a) => a.id)).toEqual([appId]);
    expect(expectOk(await root.client.listApplications({ q: 'till', pageSize: 10 })).items.map((a) => a.id)).toEqual([shopAppId]);
    expect(expectOk(await acmeAdmin.client.updateApplication(appId, { name: 'Store', origins: [], allowSignUp: false, tokenTtlSeconds: 600 })).application).toMatchObject({ name: 'Store', origins: [], allowSignUp: false, tokenTtlSeconds: 600 });
    expect(expectOk(await webAdmin.client.setApplicationStatus(appId, 'disabled')).application.status).toBe('disabled');
    expect(expectOk(await webAdmin.client.getApplication(appId)).application.status).toBe('disabled');
    expect(expectOk(await webAdmin.client.setApplicationStatus(appId, 'active')).application.status).toBe('active');
  });

  it('refuses bad input with fields and creates nothing', async () => {
    for (const [input, field] of [
      [{ communityId: acme.communities.Web!, name: '', origins: [], allowSignUp: true, tokenTtlSeconds: 900 }, 'name'],
      [{ communityId: acme.communities.Web!, name: 'X', origins: [], allowSignUp: true, tokenTtlSeconds: 5 }, 'tokenTtlSeconds'],
    ] as const) {
      const res = await expectTenancyUnchanged(() => webAdmin.client.createApplication(input), 400, 'request.validation_failed');
      expect((res.body as { error: { fields: object } }).error.fields).toHaveProperty(field);
    }
    await expectTenancyUnchanged(() => webAdmin.client.createApplication({ communityId: acme.communities.Web!, name: 'X', origins: ['https://evil.example'], allowSignUp: true, tokenTtlSeconds: 900 }), 400, 'apikeys.origin_not_in_community');
    await expectTenancyUnchanged(() => webAdmin.client.setApplicationStatus(appId, 'paused'), 400, 'request.validation_failed');
  });

  it('creates a key shown once, lists it without its secret, and revokes it', async () => {
    const created = await webAdmin.client.createApplicationKey(appId, { label: 'backend' });
    expect(created.status).toBe(201);
    const { key, apiKey } = created.data;
    expect(key).toMatch(/^lkk_/);
    const listed = expectOk(await webAdmin.client.listApplicationKeys(appId));
    expect(listed.keys).toEqual([expect.objectContaining({ id: apiKey.id, label: 'backend', status: 'active' })]);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(expectOk(await webAdmin.client.revokeApplicationKey(appId, apiKey.id)).key.status).toBe('revoked');
    expect((await kit.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).not.toBeNull();
  });

  it("treats another community's application and keys as not found, changing nothing", async () => {
    const { apiKey } = expectOk(await globexAdmin.client.createApplicationKey(shopAppId, {}));
    for (const who of [acmeAdmin, webAdmin]) {
      await expectTenancyUnchanged(() => who.client.getApplication(shopAppId), 404, 'applications.not_found');
      await expectTenancyUnchanged(() => who.client.updateApplication(shopAppId, { name: 'Pwned', origins: [], allowSignUp: true, tokenTtlSeconds: 900 }), 404, 'applications.not_found');
      await expectTenancyUnchanged(() => who.client.setApplicationStatus(shopAppId, 'disabled'), 404, 'applications.not_found');
      await expectTenancyUnchanged(() => who.client.listApplicationKeys(shopAppId), 404, 'applications.not_found');
      await expectTenancyUnchanged(() => who.client.createApplicationKey(shopAppId, {}), 404, 'applications.not_found');
      await expectTenancyUnchanged(() => who.client.revokeApplicationKey(shopAppId, apiKey.id), 404, 'applications.not_found');
      await expectTenancyUnchanged(() => who.client.createApplication({ communityId: globex.communities.Shop!, name: 'Sneaky', origins: [], allowSignUp: true, tokenTtlSeconds: 900 }), 404, 'tenancy.community_not_found');
    }
    // A key id of another application, through an application in scope: not found.
    await expectTenancyUnchanged(() => webAdmin.client.revokeApplicationKey(appId, apiKey.id), 404, 'apikeys.not_found');
  });
});
