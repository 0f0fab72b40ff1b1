import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { seedAdminWorld, worldPrincipals, type TAdminWorld } from '../admin/test-support';
import { hashSecret } from '../crypto/tokens';
import { createLicense } from './create-license';
import { createLicenseAsAdmin } from './create-license-as-admin';
import { listLicensesInScope } from './list-licenses-in-scope';
import { revokeLicenseAsAdmin } from './revoke-license-as-admin';

describe.each(TEST_PROVIDERS)('licenses in the admin console on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TAdminPrincipal;
  let acmeAdmin: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;
  let globexAdmin: TAdminPrincipal;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    ({ system: root, acme: acmeAdmin, web: webAdmin, globex: globexAdmin } = worldPrincipals(w));
  });
  afterAll(() => close());

  const counts = async () => ({ licenses: await db.license.count(), audit: await db.auditEvent.count() });
  const prefixes = async (p: TAdminPrincipal) => (await listLicensesInScope({ db, principal: p, query: { pageSize: 100 } })).items.map((l) => l.keyPrefix);

  describe('createLicenseAsAdmin', () => {
    it('creates a license of the caller\'s tenant, shows the key once, stores its hash and audits as the admin', async () => {
      const { license, key } = await createLicenseAsAdmin({ db, principal: webAdmin, input: { authLevel: 'app', communityIds: [w.acme.web], label: ' Shop app ' } });
      expect(key).toMatch(/^lk_/);
      expect(license).toMatchObject({ tenantId: w.acme.id, authLevel: 'app', communityIds: [w.acme.web], label: 'Shop app', status: 'active', tenant: { id: w.acme.id, name: 'Acme' }, communities: [{ id: w.acme.web, name: 'Web' }] });
      const row = await db.license.findUniqueOrThrow({ where: { id: license.id } });
      expect(row.keyHash).toBe(hashSecret(key));
      expect(JSON.stringify(license)).not.toContain(row.keyHash);
      expect(await db.auditEvent.findMany({ where: { type: 'licenses.created', subject: license.id } })).toEqual([expect.objectContaining({ actor: 'admin:web', tenantId: w.acme.id })]);
    });

    it('gives a system admin\'s license for one tenant\'s communities to that tenant, and allows service-wide system licenses', async () => {
      const forGlobex = await createLicenseAsAdmin({ db, principal: root, input: { authLevel: 'service', communityIds: [w.globex.shop] } });
      expect(forGlobex.license.tenantId).toBe(w.globex.id);
      const all = await createLicenseAsAdmin({ db, principal: root, input: { authLevel: 'system', communityIds: [] } });
      expect(all.license).toMatchObject({ tenantId: null, communityIds: [], tenant: null });
    });

    it('refuses a system license to tenant and community admins with 403 licenses.level_not_grantable', async () => {
      const before = await counts();
      for (const p of [acmeAdmin, webAdmin]) {
        await expect(createLicenseAsAdmin({ db, principal: p, input: { authLevel: 'system', communityIds: [w.acme.web] } })).rejects.toMatchObject({ code: 'licenses.level_not_grantable', status: 403 });
      }
      expect(await counts()).toEqual(before);
    });

    it('treats communities outside the scope (another tenant, another community, the console) as not found and creates nothing', async () => {
      const before = await counts();
      const cases: Array<[TAdminPrincipal, object, string]> = [
        [webAdmin, { authLevel: 'app', communityIds: [w.acme.mobile] }, 'tenancy.community_not_found'],
        [acmeAdmin, { authLevel: 'app', communityIds: [w.acme.web, w.globex.shop] }, 'tenancy.community_not_found'],
        [acmeAdmin, { authLevel: 'app', communityIds: [w.consoleCommunityId] }, 'tenancy.community_not_found'],
        [root, { authLevel: 'app', communityIds: [w.consoleCommunityId] }, 'tenancy.community_not_found'],
        [root, { authLevel: 'app', tenantId: w.acme.id, communityIds: [w.globex.shop] }, 'tenancy.community_not_found'],
        [acmeAdmin, { authLevel: 'app', tenantId: w.globex.id, communityIds: [w.acme.web] }, 'tenancy.tenant_not_found'],
        [root, { authLevel: 'app', tenantId: 'nope', communityIds: [w.acme.web] }, 'tenancy.tenant_not_found'],
      ];
      for (const [principal, input, code] of cases) await expect(createLicenseAsAdmin({ db, principal, input })).rejects.toMatchObject({ code, status: 404 });
      expect(await counts()).toEqual(before);
    });

    it('rejects bad input with request.validation_failed and field messages', async () => {
      const before = await counts();
      await expect(createLicenseAsAdmin({ db, principal: acmeAdmin, input: { authLevel: 'app', communityIds: [] } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { communityIds: 'Choose at least one community.' } });
      await expect(createLicenseAsAdmin({ db, principal: acmeAdmin, input: { authLevel: 'root', communityIds: [w.acme.web] } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { authLevel: expect.any(String) } });
      await expect(createLicenseAsAdmin({ db, principal: acmeAdmin, input: { authLevel: 'app', communityIds: [w.acme.web], keyHash: 'x' } })).rejects.toMatchObject({ code: 'request.validation_failed' });
      expect(await counts()).toEqual(before);
    });
  });

  describe('listLicensesInScope', () => {
    it('shows each admin the licenses in its scope, newest first, searched and paged', async () => {
      const cli = await createLicense({ db, input: { authLevel: 'app', tenantId: w.acme.id, communityIds: [w.acme.web, w.acme.mobile], label: 'both' }, actor: 'cli' });
      const all = await prefixes(root);
      expect(all).toContain(cli.license.keyPrefix);
      const acme = await listLicensesInScope({ db, principal: acmeAdmin, query: { pageSize: 100 } });
      expect(acme.items.every((l) => l.tenantId === w.acme.id)).toBe(true);
      expect(acme.items.map((l) => l.keyPrefix)).toContain(cli.license.keyPrefix);
      // The community admin of Web doesn't see a license that also covers Mobile.
      const web = await listLicensesInScope({ db, principal: webAdmin, query: { pageSize: 100 } });
      expect(web.items.length).toBeGreaterThan(0);
      expect(web.items.every((l) => l.communityIds.every((id) => id === w.acme.web))).toBe(true);
      expect(web.items.map((l) => l.keyPrefix)).not.toContain(cli.license.keyPrefix);
      expect((await listLicensesInScope({ db, principal: globexAdmin })).items.every((l) => l.tenantId === w.globex.id)).toBe(true);
      expect((await listLicensesInScope({ db, principal: acmeAdmin, query: { q: 'SHOP APP' } })).items.map((l) => l.label)).toEqual(['Shop app']);
      const createdAt = acme.items.map((l) => l.createdAt);
      expect(createdAt).toEqual([...createdAt].sort().reverse());
      expect(JSON.stringify(acme)).not.toMatch(/keyHash|[0-9a-f]{64}/);
      await expect(listLicensesInScope({ db, principal: acmeAdmin, query: { pageSize: 7 } })).rejects.toMatchObject({ code: 'request.validation_failed' });
    });
  });

  describe('revokeLicenseAsAdmin', () => {
    it('revokes a license in scope once, audited as the admin', async () => {
      const { license } = await createLicenseAsAdmin({ db, principal: acmeAdmin, input: { authLevel: 'app', communityIds: [w.acme.mobile] } });
      const revoked = await revokeLicenseAsAdmin({ db, principal: acmeAdmin, licenseId: license.id });
      expect(revoked).toMatchObject({ id: license.id, status: 'revoked', communities: [{ id: w.acme.mobile, name: 'Mobile' }] });
      await revokeLicenseAsAdmin({ db, principal: acmeAdmin, licenseId: license.id });
      expect(await db.auditEvent.findMany({ where: { type: 'licenses.revoked', subject: license.id } })).toEqual([expect.objectContaining({ actor: 'admin:acme' })]);
    });

    it('treats a license outside the scope as not found and leaves it active', async () => {
      const { license } = await createLicenseAsAdmin({ db, principal: acmeAdmin, input: { authLevel: 'app', communityIds: [w.acme.web, w.acme.mobile] } });
      for (const p of [globexAdmin, webAdmin]) {
        await expect(revokeLicenseAsAdmin({ db, principal: p, licenseId: license.id })).rejects.toMatchObject({ code: 'licenses.not_found', status: 404 });
      }
      await expect(revokeLicenseAsAdmin({ db, principal: acmeAdmin, licenseId: 'nope' })).rejects.toMatchObject({ code: 'licenses.not_found' });
      expect((await db.license.findUniqueOrThrow({ where: { id: license.id } })).revokedAt).toBeNull();
    });
  });
});
