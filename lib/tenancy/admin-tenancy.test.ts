import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { seedAdminWorld, worldPrincipals, type TAdminWorld } from '../admin/test-support';
import { createCommunityAsAdmin, createTenantAsAdmin, listTenantsForAdmin, renameTenant } from './admin-tenants';
import { getCommunitySettings } from './community-settings';
import { renameCommunity, updateBranding, updateRelyingParty } from './edit-community';
import { getHostedCommunity } from './get-hosted-community';
import { ZRelyingPartyEdit } from './rp-settings';

describe.each(TEST_PROVIDERS)('tenancy in the admin console on %s', (provider) => {
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

  const rpOf = (id: string) => db.community.findUniqueOrThrow({ where: { id } });
  const rpInput = (over: Record<string, unknown> = {}) => ({
    rpId: 'example.com', rpName: 'Web', origins: ['https://web.example.com'], relatedOrigins: [], userVerification: 'preferred', attestation: 'none',
    algorithms: [-7, -8, -257], timeoutMs: 300000, allowCrossOrigin: false, allowedTopOrigins: [], ...over,
  });

  describe('listTenantsForAdmin', () => {
    it('shows each role its tenants and communities, never the console realm', async () => {
      const all = await listTenantsForAdmin({ db, principal: system, query: { pageSize: 100 } });
      expect(all.items.map((t) => t.name)).toEqual(['Default', 'Acme', 'Globex']);
      expect(all.items[0]!.communities.map((c) => c.id)).toEqual([w.defaultCommunityId]);
      expect(JSON.stringify(all)).not.toContain(w.consoleCommunityId);
      expect(all.items[1]).toMatchObject({ canRename: true, canAddCommunity: true, communities: [expect.objectContaining({ name: 'Mobile' }), expect.objectContaining({ name: 'Web', rpId: 'example.com', userCount: 0 })] });
      const acme = await listTenantsForAdmin({ db, principal: acmeAdmin });
      expect(acme.items).toEqual([expect.objectContaining({ id: w.acme.id, canRename: false, canAddCommunity: true })]);
      const web = await listTenantsForAdmin({ db, principal: webAdmin });
      expect(web.items).toEqual([expect.objectContaining({ id: w.acme.id, canAddCommunity: false, communities: [expect.objectContaining({ id: w.acme.web })] })]);
    });

    it('searches tenant and community names and pages on the server', async () => {
      expect((await listTenantsForAdmin({ db, principal: system, query: { q: 'SHOP' } })).items.map((t) => t.name)).toEqual(['Globex']);
      expect((await listTenantsForAdmin({ db, principal: acmeAdmin, query: { q: 'shop' } })).total).toBe(0);
      const p2 = await listTenantsForAdmin({ db, principal: system, query: { pageSize: 10, page: 5 } });
      expect(p2).toMatchObject({ page: 1, pageCount: 1, total: 3 });
      await expect(listTenantsForAdmin({ db, principal: system, query: { pageSize: 3 } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { pageSize: expect.any(String) } });
    });
  });

  describe('tenants', () => {
    it('lets system admins create and rename tenants, audited', async () => {
      const t = await createTenantAsAdmin({ db, principal: system, input: { name: ' Initech ' } });
      expect(t.name).toBe('Initech');
      expect(await renameTenant({ db, principal: system, tenantId: t.id, input: { name: 'Initrode' } })).toEqual({ id: t.id, name: 'Initrode' });
      const audit = await db.auditEvent.findMany({ where: { subject: t.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
      expect(audit.map((a) => [a.type, a.actor])).toEqual([['tenancy.tenant_created', 'admin:sys'], ['tenancy.tenant_renamed', 'admin:sys']]);
      expect(audit[1]!.detail).toEqual({ from: 'Initech', to: 'Initrode' });
    });

    it('refuses other roles with auth.forbidden and bad input with request.validation_failed, changing nothing', async () => {
      const before = await db.tenant.count();
      for (const p of [acmeAdmin, webAdmin]) {
        await expect(createTenantAsAdmin({ db, principal: p, input: { name: 'X' } })).rejects.toMatchObject({ code: 'auth.forbidden', status: 403 });
        await expect(renameTenant({ db, principal: p, tenantId: w.acme.id, input: { name: 'X' } })).rejects.toMatchObject({ code: 'auth.forbidden' });
      }
      await expect(createTenantAsAdmin({ db, principal: system, input: { name: ' ' } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { name: expect.any(String) } });
      await expect(createTenantAsAdmin({ db, principal: system, input: { name: 'A', dnsNames: [] } })).rejects.toMatchObject({ code: 'request.validation_failed' });
      await expect(renameTenant({ db, principal: system, tenantId: 'nope', input: { name: 'X' } })).rejects.toMatchObject({ code: 'tenancy.tenant_not_found', status: 404 });
      expect(await db.tenant.count()).toBe(before);
      expect((await db.tenant.findUniqueOrThrow({ where: { id: w.acme.id } })).name).toBe('Acme');
    });
  });

  describe('createCommunityAsAdmin', () => {
    const input = (tenantId: string, name: string) => ({ tenantId, name, rpId: 'acme.test', origins: ['https://login.acme.test', ''], userVerification: 'required' });

    it('lets a tenant admin create in its tenant and a system admin in any', async () => {
      const c = await createCommunityAsAdmin({ db, principal: acmeAdmin, input: input(w.acme.id, 'Partners') });
      expect(c).toMatchObject({ name: 'Partners', tenant: { id: w.acme.id, name: 'Acme' }, rpId: 'acme.test', origins: ['https://login.acme.test'], userVerification: 'required', signInPath: `/c/${c.id}/login` });
      expect(await db.auditEvent.count({ where: { type: 'tenancy.community_created', subject: c.id, actor: 'admin:acme' } })).toBe(1);
      await createCommunityAsAdmin({ db, principal: system, input: input(w.globex.id, 'Partners') });
    });

    it("refuses community admins (403), another tenant (404) and bad settings, creating nothing", async () => {
      const before = await db.community.count();
      await expect(createCommunityAsAdmin({ db, principal: webAdmin, input: input(w.acme.id, 'N1') })).rejects.toMatchObject({ code: 'auth.forbidden' });
      await expect(createCommunityAsAdmin({ db, principal: acmeAdmin, input: input(w.globex.id, 'N2') })).rejects.toMatchObject({ code: 'tenancy.tenant_not_found', status: 404 });
      await expect(createCommunityAsAdmin({ db, principal: acmeAdmin, input: input(w.acme.id, 'Web') })).rejects.toMatchObject({ code: 'tenancy.community_exists', fields: { name: expect.any(String) } });
      await expect(createCommunityAsAdmin({ db, principal: acmeAdmin, input: { ...input(w.acme.id, 'N3'), origins: ['http://acme.test'] } })).rejects.toMatchObject({ code: 'tenancy.invalid_origin', fields: { origins: expect.any(String) } });
      await expect(createCommunityAsAdmin({ db, principal: acmeAdmin, input: { ...input(w.acme.id, 'N4'), origins: ['https://evil.test'] } })).rejects.toMatchObject({ code: 'tenancy.invalid_rp_id', fields: { rpId: expect.any(String) } });
      await expect(createCommunityAsAdmin({ db, principal: acmeAdmin, input: { ...input(w.acme.id, 'N5'), origins: [' '] } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { origins: expect.any(String) } });
      expect(await db.community.count()).toBe(before);
    });
  });

  describe('community settings', () => {
    it('reads a community in scope, and 404s another tenant\'s and the console realm', async () => {
      expect(await getCommunitySettings({ db, principal: webAdmin, communityId: w.acme.web })).toMatchObject({ id: w.acme.web, name: 'Web', algorithms: [-7, -8, -257], timeoutMs: 300000, passkeyCount: 0 });
      await expect(getCommunitySettings({ db, principal: webAdmin, communityId: w.acme.mobile })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(getCommunitySettings({ db, principal: globexAdmin, communityId: w.acme.web })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(getCommunitySettings({ db, principal: system, communityId: w.consoleCommunityId })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    });

    it('renames a community (its community admin may), refusing a clash and other scopes', async () => {
      expect((await renameCommunity({ db, principal: webAdmin, communityId: w.acme.web, input: { name: 'Website' } })).name).toBe('Website');
      await expect(renameCommunity({ db, principal: webAdmin, communityId: w.acme.web, input: { name: 'Mobile' } })).rejects.toMatchObject({ code: 'tenancy.community_exists', status: 409 });
      await expect(renameCommunity({ db, principal: webAdmin, communityId: w.acme.mobile, input: { name: 'Mine' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
      await expect(renameCommunity({ db, principal: system, communityId: w.consoleCommunityId, input: { name: 'Mine' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      expect((await rpOf(w.acme.mobile)).name).toBe('Mobile');
      const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'tenancy.community_renamed', subject: w.acme.web } });
      expect(audit).toMatchObject({ actor: 'admin:web', detail: { from: 'Web', to: 'Website' } });
      await renameCommunity({ db, principal: webAdmin, communityId: w.acme.web, input: { name: 'Web' } });
    });

    it('updates the relying party with the same checks as creation, recording each change from/to', async () => {
      const updated = await updateRelyingParty({
        db, principal: acmeAdmin, communityId: w.acme.web,
        input: rpInput({ origins: ['https://web.example.com/', '', 'https://app.example.com'], relatedOrigins: ['https://example.org'], algorithms: [-7, -7, -35], timeoutMs: '120000', allowCrossOrigin: true, allowedTopOrigins: ['https://portal.example.net'], userVerification: 'required' }),
      });
      expect(updated).toMatchObject({ origins: ['https://web.example.com', 'https://app.example.com'], relatedOrigins: ['https://example.org'], algorithms: [-7, -35], timeoutMs: 120000, allowCrossOrigin: true, allowedTopOrigins: ['https://portal.example.net'], userVerification: 'required' });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'tenancy.relying_party_changed', subject: w.acme.web } });
      expect(audit.actor).toBe('admin:acme');
      expect((audit.detail as { changes: Record<string, unknown> }).changes).toMatchObject({ userVerification: { from: 'preferred', to: 'required' }, timeoutMs: { from: 300000, to: 120000 } });
      expect((audit.detail as { changes: Record<string, unknown> }).changes).not.toHaveProperty('rpId');
      // Saving the same settings again changes nothing and writes no event.
      const { rpId, rpName, origins, relatedOrigins, userVerification, attestation, algorithms, timeoutMs, allowCrossOrigin, allowedTopOrigins } = updated;
      await updateRelyingParty({ db, principal: acmeAdmin, communityId: w.acme.web, input: { rpId, rpName, origins, relatedOrigins, userVerification, attestation, algorithms, timeoutMs, allowCrossOrigin, allowedTopOrigins } });
      expect(await db.auditEvent.count({ where: { type: 'tenancy.relying_party_changed', subject: w.acme.web } })).toBe(1);
    });

    it.each([
      ['request.validation_failed', { origins: [] }, 'origins'],
      ['request.validation_failed', { algorithms: [] }, 'algorithms'],
      ['request.validation_failed', { algorithms: [-999] }, 'algorithms'],
      ['request.validation_failed', { timeoutMs: 1000 }, 'timeoutMs'],
      ['request.validation_failed', { allowCrossOrigin: true, allowedTopOrigins: [] }, 'allowedTopOrigins'],
      ['request.validation_failed', { attestation: 'indirect' }, 'attestation'],
      ['tenancy.invalid_origin', { origins: ['http://web.example.com'] }, 'origins'],
      ['tenancy.invalid_origin', { relatedOrigins: ['android:apk-key-hash:' + 'A'.repeat(43)] }, 'relatedOrigins'],
      ['tenancy.invalid_origin', { allowCrossOrigin: true, allowedTopOrigins: ['ftp://x.example'] }, 'allowedTopOrigins'],
      ['tenancy.invalid_rp_id', { rpId: 'other.example' }, 'rpId'],
    ])('refuses with %s (%j) next to the field, changing nothing', async (code, over, field) => {
      const before = await rpOf(w.acme.mobile);
      await expect(updateRelyingParty({ db, principal: acmeAdmin, communityId: w.acme.mobile, input: rpInput({ rpName: 'Mobile', origins: ['https://mobile.example.com'], ...over }) })).rejects.toMatchObject({ code, fields: { [field]: expect.any(String) } });
      expect(await rpOf(w.acme.mobile)).toEqual(before);
    });

    it('needs confirmRpIdChange to change the rpId of a community with passkeys (409), and records from/to', async () => {
      const user = await db.user.create({ data: { communityId: w.acme.mobile, userHandle: 'h1', username: 'ada', displayName: 'Ada' } });
      await db.passkey.create({ data: { communityId: w.acme.mobile, userId: user.id, credentialId: 'cred1', publicKey: 'pk', alg: -7, name: 'Phone' } });
      const input = rpInput({ rpId: 'mobile.example.com', rpName: 'Mobile', origins: ['https://mobile.example.com'] });
      const before = await rpOf(w.acme.mobile);
      await expect(updateRelyingParty({ db, principal: acmeAdmin, communityId: w.acme.mobile, input })).rejects.toMatchObject({ code: 'tenancy.rp_id_change_unconfirmed', status: 409 });
      await expect(updateRelyingParty({ db, principal: acmeAdmin, communityId: w.acme.mobile, input: { ...input, confirmRpIdChange: false } })).rejects.toMatchObject({ code: 'tenancy.rp_id_change_unconfirmed' });
      expect(await rpOf(w.acme.mobile)).toEqual(before);
      const done = await updateRelyingParty({ db, principal: acmeAdmin, communityId: w.acme.mobile, input: { ...input, confirmRpIdChange: true } });
      expect(done).toMatchObject({ rpId: 'mobile.example.com', passkeyCount: 1 });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'tenancy.relying_party_changed', subject: w.acme.mobile } });
      expect(audit.detail).toMatchObject({ changes: { rpId: { from: 'example.com', to: 'mobile.example.com' } }, passkeysOfOldRpId: 1 });
    });

    it("refuses another community's relying party (404) and leaves it unchanged", async () => {
      const before = await rpOf(w.globex.shop);
      for (const p of [acmeAdmin, webAdmin]) {
        await expect(updateRelyingParty({ db, principal: p, communityId: w.globex.shop, input: rpInput({ rpName: 'Pwned', origins: ['https://shop.example.com'] }) })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
        await expect(updateBranding({ db, principal: p, communityId: w.globex.shop, input: { displayName: 'Pwned', logoUrl: '', primaryColor: '', backgroundColor: '' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      }
      await expect(updateRelyingParty({ db, principal: system, communityId: w.consoleCommunityId, input: rpInput({ rpId: 'id.example.com', origins: ['https://id.example.com'] }) })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      expect(await rpOf(w.globex.shop)).toEqual(before);
    });

    it('updates branding, which the hosted pages then use, and validates it', async () => {
      const b = { displayName: 'Acme Web', logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#1D4ED8', backgroundColor: '' };
      const updated = await updateBranding({ db, principal: webAdmin, communityId: w.acme.web, input: b });
      expect(updated.branding).toEqual({ ...b, primaryColor: '#1d4ed8' });
      expect((await rpOf(w.acme.web)).branding).toEqual({ displayName: 'Acme Web', logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#1d4ed8' });
      expect((await getHostedCommunity({ db, communityId: w.acme.web }))!.branding).toEqual({ displayName: 'Acme Web', logoUrl: 'https://cdn.example.com/logo.svg', primaryColor: '#1d4ed8', backgroundColor: null });
      expect(await db.auditEvent.count({ where: { type: 'tenancy.branding_changed', subject: w.acme.web, actor: 'admin:web' } })).toBe(1);
      for (const bad of [{ primaryColor: 'red' }, { logoUrl: 'http://x.example/l.png' }, { logoUrl: '//evil.example/l.png' }, { logoUrl: 'javascript:alert(1)' }, { displayName: 'x'.repeat(101) }]) {
        await expect(updateBranding({ db, principal: webAdmin, communityId: w.acme.web, input: { ...b, ...bad } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { [Object.keys(bad)[0]!]: expect.any(String) } });
      }
      expect(await db.auditEvent.count({ where: { type: 'tenancy.branding_changed', subject: w.acme.web } })).toBe(1);
    });
  });

  it('ZRelyingPartyEdit keeps form lines and drops blanks', () => {
    expect(ZRelyingPartyEdit.parse(rpInput({ origins: [' https://a.example.com ', ''] })).origins).toEqual(['https://a.example.com']);
  });
});
