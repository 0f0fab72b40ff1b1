import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { seedAdminWorld, type TAdminWorld } from '../admin/test-support';
import type { TAdminPrincipal } from '../admin/principal';
import { assertAaguidAllowed, loadRpSettings } from '../passkeys/rp';
import { createMetadataRecord } from './create-metadata-record';
import { getMetadataRecord } from './metadata-record';
import { listMetadataRecords } from './list-metadata-records';
import { updateMetadataRecord } from './update-metadata-record';
import { applyMdsImport, previewMdsImport } from './import-mds-blob';
import { getAaguidPolicy } from './get-aaguid-policy';
import { updateAaguidPolicy } from './update-aaguid-policy';
import { createMdsTestCa, mdsPayload, withForgedPayload, type TMdsTestCa } from './mds-test-support';
import { ZIconDataUrl } from './vendor-metadata';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64')}`;
const SVG = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')}`;

function principal(role: TAdminPrincipal['role'], scope: { tenantId?: string; communityIds?: string[] } = {}): TAdminPrincipal {
  return { adminId: `adm-${crypto.randomUUID()}`, userId: 'nobody', role, ...(scope.tenantId ? { tenantId: scope.tenantId } : {}), communityIds: scope.communityIds ?? [] };
}

describe.each(TEST_PROVIDERS)('authenticator metadata in the console on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TAdminPrincipal;
  let acmeAdmin: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;
  let globexAdmin: TAdminPrincipal;
  let ca: TMdsTestCa;
  let otherCa: TMdsTestCa;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    root = principal('system');
    acmeAdmin = principal('tenant', { tenantId: w.acme.id });
    webAdmin = principal('community', { tenantId: w.acme.id, communityIds: [w.acme.web] });
    globexAdmin = principal('tenant', { tenantId: w.globex.id });
    [ca, otherCa] = await Promise.all([createMdsTestCa('Trusted'), createMdsTestCa('Other')]);
  });
  afterAll(async () => close());
  const audits = (type: string) => db.auditEvent.findMany({ where: { type }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
  const names = async (p: TAdminPrincipal, query = {}) => (await listMetadataRecords({ db, principal: p, query: { pageSize: 100, ...query } })).items.map((r) => r.name);

  describe('records', () => {
    beforeEach(async () => {
      await db.vendorMetadata.deleteMany({});
    });

    it('creates community and service-wide records with icons and metadata, and lists them by scope', async () => {
      const web = await createMetadataRecord({ db, principal: webAdmin, input: { communityId: w.acme.web, aaguid: A.toUpperCase(), name: 'Web key', iconLight: PNG, iconDark: SVG, metadata: '{"vendor":"Acme"}' } });
      expect(web).toMatchObject({ aaguid: A, name: 'Web key', community: { id: w.acme.web, name: 'Web', tenantName: 'Acme' }, iconLight: PNG, iconDark: SVG, disabled: false, editable: true, updatedBy: `admin:${webAdmin.adminId}` });
      expect(JSON.parse(web.metadata)).toEqual({ vendor: 'Acme' });
      const global = await createMetadataRecord({ db, principal: root, input: { communityId: 'global', aaguid: B, name: 'Service key', iconLight: '' } });
      expect(global).toMatchObject({ community: null, iconLight: null, metadata: '' });
      await createMetadataRecord({ db, principal: globexAdmin, input: { communityId: w.globex.shop, aaguid: C, name: 'Shop key' } });
      const events = await audits('metadata.vendor_created');
      expect(events.map((e) => e.actor)).toEqual([`admin:${webAdmin.adminId}`, `admin:${root.adminId}`, `admin:${globexAdmin.adminId}`]);

      expect(await names(root)).toEqual(['Service key', 'Shop key', 'Web key']);
      expect(await names(acmeAdmin)).toEqual(['Service key', 'Web key']);
      expect(await names(webAdmin)).toEqual(['Service key', 'Web key']);
      expect(await names(globexAdmin)).toEqual(['Service key', 'Shop key']);
      // Service-wide records are shown to everyone but only system admins may edit them.
      expect((await listMetadataRecords({ db, principal: webAdmin, query: { community: 'global' } })).items).toEqual([expect.objectContaining({ name: 'Service key', editable: false })]);
    });

    it('searches by AAGUID or name, filters by community and status, pages on the server', async () => {
      await createMetadataRecord({ db, principal: root, input: { communityId: 'global', aaguid: A, name: 'Alpha' } });
      await createMetadataRecord({ db, principal: root, input: { communityId: w.acme.web, aaguid: B, name: 'Bravo', disabled: true } });
      await createMetadataRecord({ db, principal: root, input: { communityId: w.acme.mobile, aaguid: C, name: 'Charlie' } });
      expect(await names(root, { q: 'BBBBBBBB' })).toEqual(['Bravo']);
      expect(await names(root, { q: 'charl' })).toEqual(['Charlie']);
      expect(await names(root, { community: 'global' })).toEqual(['Alpha']);
      expect(await names(root, { community: w.acme.web })).toEqual(['Bravo']);
      expect(await names(root, { status: 'disabled' })).toEqual(['Bravo']);
      expect(await names(root, { status: 'enabled' })).toEqual(['Alpha', 'Charlie']);
      const page2 = await listMetadataRecords({ db, principal: root, query: { pageSize: 10, page: 1 } });
      expect(page2).toMatchObject({ total: 3, pageCount: 1, page: 1 });
      await expect(listMetadataRecords({ db, principal: webAdmin, query: { community: w.acme.mobile } })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
      await expect(listMetadataRecords({ db, principal: root, query: { status: 'off' } as never })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { status: expect.any(String) } });
    });

    it('edits, disables and enables a record; the change is audited with the admin as actor', async () => {
      const rec = await createMetadataRecord({ db, principal: webAdmin, input: { communityId: w.acme.web, aaguid: A, name: 'Old', iconLight: PNG } });
      const edited = await updateMetadataRecord({ db, principal: webAdmin, recordId: rec.id, input: { name: 'New', iconLight: null, iconDark: PNG, metadata: '{"a":1}' } });
      expect(edited).toMatchObject({ name: 'New', iconLight: null, iconDark: PNG, metadata: '{\n  "a": 1\n}' });
      expect((await updateMetadataRecord({ db, principal: webAdmin, recordId: rec.id, input: { disabled: true } })).disabled).toBe(true);
      expect((await updateMetadataRecord({ db, principal: acmeAdmin, recordId: rec.id, input: { disabled: false } })).disabled).toBe(false);
      expect((await audits('metadata.vendor_updated')).map((e) => e.actor)).toEqual([`admin:${webAdmin.adminId}`, `admin:${webAdmin.adminId}`, `admin:${acmeAdmin.adminId}`]);
    });

    it('keeps other communities out: 404 and nothing changed; service-wide records are for system admins (403)', async () => {
      const mobile = await createMetadataRecord({ db, principal: root, input: { communityId: w.acme.mobile, aaguid: A, name: 'Mobile key' } });
      const global = await createMetadataRecord({ db, principal: root, input: { communityId: 'global', aaguid: B, name: 'Service key' } });
      const before = await db.vendorMetadata.findMany({ orderBy: { id: 'asc' } });
      await expect(updateMetadataRecord({ db, principal: webAdmin, recordId: mobile.id, input: { name: 'Hacked' } })).rejects.toMatchObject({ code: 'metadata.not_found', status: 404 });
      await expect(updateMetadataRecord({ db, principal: globexAdmin, recordId: mobile.id, input: { disabled: true } })).rejects.toMatchObject({ code: 'metadata.not_found' });
      await expect(getMetadataRecord({ db, principal: webAdmin, recordId: mobile.id })).rejects.toMatchObject({ code: 'metadata.not_found' });
      await expect(createMetadataRecord({ db, principal: webAdmin, input: { communityId: w.acme.mobile, aaguid: C, name: 'X' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
      await expect(createMetadataRecord({ db, principal: globexAdmin, input: { communityId: w.acme.web, aaguid: C, name: 'X' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(createMetadataRecord({ db, principal: acmeAdmin, input: { communityId: w.consoleCommunityId, aaguid: C, name: 'X' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(createMetadataRecord({ db, principal: acmeAdmin, input: { communityId: 'global', aaguid: C, name: 'X' } })).rejects.toMatchObject({ code: 'auth.forbidden', status: 403 });
      await expect(updateMetadataRecord({ db, principal: webAdmin, recordId: global.id, input: { disabled: true } })).rejects.toMatchObject({ code: 'auth.forbidden', status: 403 });
      expect(await db.vendorMetadata.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    });

    it('validates input next to the fields: AAGUID, name, icon type and size, metadata JSON; duplicates are 409', async () => {
      const bad = (input: object) => createMetadataRecord({ db, principal: root, input: { communityId: w.acme.web, aaguid: A, name: 'Key', ...input } });
      await expect(bad({ aaguid: 'nope' })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { aaguid: expect.any(String) } });
      await expect(bad({ name: ' ' })).rejects.toMatchObject({ fields: { name: 'Enter a name.' } });
      await expect(bad({ iconLight: 'https://example.com/i.png' })).rejects.toMatchObject({ fields: { iconLight: expect.stringContaining('PNG, JPEG') } });
      await expect(bad({ iconDark: `data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}` })).rejects.toMatchObject({ fields: { iconDark: "The icon's content is not a PNG image." } });
      await expect(bad({ iconLight: `data:image/png;base64,${'A'.repeat(100_000)}` })).rejects.toMatchObject({ fields: { iconLight: expect.stringContaining('at most') } });
      await expect(bad({ metadata: '[1]' })).rejects.toMatchObject({ fields: { metadata: expect.stringContaining('JSON object') } });
      await expect(bad({ metadata: '{oops' })).rejects.toMatchObject({ fields: { metadata: expect.any(String) } });
      expect(await db.vendorMetadata.count()).toBe(0);
      expect(ZIconDataUrl.safeParse(SVG).success).toBe(true);
      await bad({});
      await expect(bad({ name: 'Again' })).rejects.toMatchObject({ code: 'metadata.exists', status: 409 });
    });
  });

  describe('MDS3 import', () => {
    beforeEach(async () => {
      await db.vendorMetadata.deleteMany({});
    });

    it('previews the changes, then applies them in one transaction with an audit event', async () => {
      await db.vendorMetadata.create({ data: { communityId: null, aaguid: B, name: 'Old B', disabled: true } });
      await db.vendorMetadata.create({ data: { communityId: w.acme.web, aaguid: A, name: 'Our A' } });
      const jwt = await ca.sign(mdsPayload(7, [{ aaguid: A, description: 'Key A', icon: PNG }, { aaguid: B, description: 'Key B' }]));
      const blob = Buffer.from(jwt);
      const preview = await previewMdsImport({ db, principal: root, blob, rootPem: ca.rootPem });
      expect(preview).toMatchObject({ no: 7, nextUpdate: '2027-01-01', counts: { entries: 2, added: 1, changed: 1, unchanged: 0, skipped: 1 } });
      expect(preview.added).toEqual([{ aaguid: A, name: 'Key A' }]);
      expect(preview.changed).toEqual([{ aaguid: B, name: 'Key B', previousName: 'Old B' }]);
      expect(await db.vendorMetadata.count({ where: { communityId: null } })).toBe(1);

      const applied = await applyMdsImport({ db, principal: root, blob, rootPem: ca.rootPem, input: { sha256: preview.sha256.toUpperCase() } });
      expect(applied.counts).toEqual(preview.counts);
      const globals = await db.vendorMetadata.findMany({ where: { communityId: null }, orderBy: { aaguid: 'asc' } });
      expect(globals.map((g) => [g.aaguid, g.name, g.iconLight, g.disabled, g.updatedBy])).toEqual([
        [A, 'Key A', PNG, false, 'FIDO MDS3 BLOB #7'],
        [B, 'Key B', null, true, 'FIDO MDS3 BLOB #7'],
      ]);
      expect((await db.vendorMetadata.findFirstOrThrow({ where: { communityId: w.acme.web } })).name).toBe('Our A');
      const [event] = await audits('metadata.mds_imported');
      expect(event).toMatchObject({ actor: `admin:${root.adminId}`, subject: 'mds:7', detail: expect.objectContaining({ added: 1, changed: 1, sha256: preview.sha256 }) });
      expect(preview.lastImportedNo).toBeNull();
      // Applying it again changes nothing, and the preview says it was the last BLOB applied.
      expect(await previewMdsImport({ db, principal: root, blob, rootPem: ca.rootPem })).toMatchObject({ lastImportedNo: 7, counts: { added: 0, changed: 0, unchanged: 2 } });
    });

    it('refuses a forged, foreign or malformed BLOB, another file than the previewed one, and other roles; nothing changes', async () => {
      const jwt = await ca.sign(mdsPayload(8, [{ aaguid: A, description: 'Key A' }]));
      const sha256 = (await previewMdsImport({ db, principal: root, blob: Buffer.from(jwt), rootPem: ca.rootPem })).sha256;
      const apply = (blob: string, p = root, input: object = { sha256 }) => applyMdsImport({ db, principal: p, blob: Buffer.from(blob), rootPem: ca.rootPem, input });
      await expect(apply(withForgedPayload(jwt, mdsPayload(9, [{ aaguid: B, description: 'Evil' }])))).rejects.toMatchObject({ code: 'metadata.mds_bad_signature', status: 400 });
      await expect(apply(await otherCa.sign(mdsPayload(8, [{ aaguid: A, description: 'Key A' }])))).rejects.toMatchObject({ code: 'metadata.mds_untrusted_chain', status: 400 });
      await expect(apply('not a jwt')).rejects.toMatchObject({ code: 'metadata.mds_malformed', status: 400 });
      await expect(apply(await ca.sign(mdsPayload(10, [{ aaguid: C, description: 'Key C' }])))).rejects.toMatchObject({ code: 'metadata.mds_changed', status: 409 });
      await expect(apply(jwt, root, { sha256: 'abc' })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { sha256: expect.any(String) } });
      await expect(apply(jwt, acmeAdmin)).rejects.toMatchObject({ code: 'auth.forbidden', status: 403 });
      await expect(previewMdsImport({ db, principal: webAdmin, blob: Buffer.from(jwt), rootPem: ca.rootPem })).rejects.toMatchObject({ code: 'auth.forbidden' });
      expect(await db.vendorMetadata.count()).toBe(0);
    });
  });

  describe('AAGUID policy', () => {
    beforeAll(async () => {
      const user = await db.user.create({ data: { communityId: w.acme.web, userHandle: 'h1', username: 'alice', displayName: 'Alice' } });
      for (const [i, aaguid] of [ICLOUD, ICLOUD, A].entries()) {
        await db.passkey.create({ data: { communityId: w.acme.web, userId: user.id, credentialId: `cred-${i}`, publicKey: 'pk', alg: -7, aaguid, name: `Key ${i}` } });
      }
    });
    beforeEach(async () => {
      await db.community.updateMany({ data: { aaguidPolicy: {} } });
    });

    it('shows the policy with passkey counts and known models, and saves what the enforcement reads', async () => {
      await db.community.update({ where: { id: w.acme.web }, data: { aaguidPolicy: { blocklist: [{ aaguid: C, reg: true, auth: false, updatedAt: '2026-01-01' }] } } });
      const view = await getAaguidPolicy({ db, principal: webAdmin, communityId: w.acme.web });
      expect(view).toMatchObject({ community: { id: w.acme.web, name: 'Web' }, version: 0, registration: { mode: 'any', aaguids: [] }, authentication: { mode: 'any', aaguids: [] } });
      expect(view.passkeys).toEqual([
        { aaguid: ICLOUD, name: 'iCloud Keychain', count: 2 },
        { aaguid: A, name: null, count: 1 },
      ]);
      expect(view.known).toContainEqual({ aaguid: ICLOUD, name: 'iCloud Keychain', source: 'bundled' });

      const saved = await updateAaguidPolicy({ db, principal: webAdmin, communityId: w.acme.web, input: { version: 0, registration: { mode: 'allow', aaguids: [A.toUpperCase(), A] }, authentication: { mode: 'deny', aaguids: [ICLOUD] } } });
      expect(saved).toMatchObject({ version: 1, registration: { mode: 'allow', aaguids: [A] }, authentication: { mode: 'deny', aaguids: [ICLOUD] } });
      const rp = await loadRpSettings(db, w.acme.web);
      expect(() => assertAaguidAllowed(rp, 'registration', A)).not.toThrow();
      expect(() => assertAaguidAllowed(rp, 'registration', B)).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed' }));
      expect(() => assertAaguidAllowed(rp, 'authentication', ICLOUD)).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed' }));
      expect(() => assertAaguidAllowed(rp, 'authentication', A)).not.toThrow();
      // The blocklist (002) is kept.
      expect(rp.aaguidPolicy.blocklist).toEqual([expect.objectContaining({ aaguid: C, reg: true })]);
      const [event] = await audits('metadata.aaguid_policy_changed');
      expect(event).toMatchObject({ actor: `admin:${webAdmin.adminId}`, communityId: w.acme.web, detail: expect.objectContaining({ version: 1 }) });
    });

    it('refuses a save made on an old version (409), bad rules (400) and other communities (404); nothing changes', async () => {
      await updateAaguidPolicy({ db, principal: acmeAdmin, communityId: w.acme.web, input: { version: 0, registration: { mode: 'deny', aaguids: [B] }, authentication: { mode: 'any', aaguids: [] } } });
      const stored = async () => (await db.community.findUniqueOrThrow({ where: { id: w.acme.web } })).aaguidPolicy;
      const before = await stored();
      const save = (p: TAdminPrincipal, input: object, communityId = w.acme.web) => updateAaguidPolicy({ db, principal: p, communityId, input: { version: 1, registration: { mode: 'any', aaguids: [] }, authentication: { mode: 'any', aaguids: [] }, ...input } });
      await expect(save(webAdmin, { version: 0 })).rejects.toMatchObject({ code: 'metadata.policy_conflict', status: 409 });
      await expect(save(webAdmin, { registration: { mode: 'allow', aaguids: [] } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { 'registration.aaguids': expect.stringContaining('at least one') } });
      await expect(save(webAdmin, { authentication: { mode: 'deny', aaguids: ['nope'] } })).rejects.toMatchObject({ fields: { 'authentication.aaguids.0': expect.any(String) } });
      await expect(save(webAdmin, { registration: { mode: 'block', aaguids: [] } })).rejects.toMatchObject({ fields: { 'registration.mode': expect.any(String) } });
      await expect(save(globexAdmin, {})).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
      await expect(save(webAdmin, {}, w.acme.mobile)).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(save(root, {}, w.consoleCommunityId)).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(getAaguidPolicy({ db, principal: webAdmin, communityId: w.acme.mobile })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      expect(await stored()).toEqual(before);
    });
  });
});
