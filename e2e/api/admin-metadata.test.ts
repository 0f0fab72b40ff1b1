import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';
import type { TAdminResponse } from '../support/admin-client';
import type { TErrorCode } from '../../lib/errors';
import { createMdsTestCa, mdsPayload, withForgedPayload, type TMdsTestCa } from '../../lib/metadata/mds-test-support';

/**
 * The Authenticator metadata section's endpoints over HTTP: vendor records (list, search, filter,
 * create, edit, disable), the MDS3 import (preview, apply, refused BLOBs, 10 MB limit) and the
 * AAGUID policy (optimistic concurrency), with their outsider specs: another tenant's or
 * community's id is 404, a role that may not use a feature is 403, and nothing changes.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const dataDir = inject('dataDir');

const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64')}`;
const uuid = () => crypto.randomUUID();

let kit: TAdminTestKit;
let root: TSignedInAdmin;
let acmeAdmin: TSignedInAdmin;
let webAdmin: TSignedInAdmin;
let globexAdmin: TSignedInAdmin;
let acme: { id: string; communities: Record<string, string> };
let globex: { id: string; communities: Record<string, string> };
let ca: TMdsTestCa;
let otherCa: TMdsTestCa;

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  ({ acme, globex, root, acmeAdmin, webAdmin, globexAdmin } = await kit.seedWorld());
  [ca, otherCa] = await Promise.all([createMdsTestCa('API Trusted'), createMdsTestCa('API Other')]);
  // The server trusts the root in this file (e2e/support/server.ts sets LATCHKEY_MDS_ROOT_CERT_FILE).
  fs.writeFileSync(path.join(dataDir, 'mds-root.pem'), ca.rootPem);
});
afterAll(async () => kit?.close());

/** The vendor records and AAGUID policies a refused request must leave as they were, and the audit trail's length. */
async function metadataState() {
  const [records, policies, audits] = await Promise.all([
    kit.db.vendorMetadata.findMany({ orderBy: { id: 'asc' } }),
    kit.db.community.findMany({ select: { id: true, aaguidPolicy: true }, orderBy: { id: 'asc' } }),
    kit.db.auditEvent.count(),
  ]);
  return { records, policies, audits };
}

async function expectRefusedUnchanged(act: () => Promise<TAdminResponse<unknown>>, status: number, code: TErrorCode) {
  const before = await metadataState();
  expectAdminError(await act(), status, code);
  expect(await metadataState()).toEqual(before);
}

describe('vendor metadata records', () => {
  it('creates, lists, searches, filters, edits, disables and enables records', async () => {
    const A = uuid();
    const B = uuid();
    const created = await webAdmin.client.createMetadataRecord({ communityId: acme.communities.Web, aaguid: A.toUpperCase(), name: 'Web key', iconLight: PNG, metadata: '{"vendor":"Acme"}' });
    expect(created.status).toBe(201);
    expect(created.data.record).toMatchObject({ aaguid: A, name: 'Web key', iconLight: PNG, community: { id: acme.communities.Web, name: 'Web' }, editable: true, updatedBy: webAdmin.username });
    const id = created.data.record.id;
    expect((await root.client.createMetadataRecord({ communityId: 'global', aaguid: B, name: 'Service key' })).status).toBe(201);

    const mine = expectOk(await webAdmin.client.listMetadataRecords({ q: A.slice(0, 8).toUpperCase() }));
    expect(mine.items.map((r) => r.id)).toEqual([id]);
    expect(expectOk(await webAdmin.client.listMetadataRecords({ q: 'service key', community: 'global' })).items).toEqual([expect.objectContaining({ aaguid: B, editable: false, community: null })]);
    expect(expectOk(await globexAdmin.client.listMetadataRecords({ pageSize: 100 })).items.map((r) => r.aaguid)).not.toContain(A);

    const edited = expectOk(await webAdmin.client.updateMetadataRecord(id, { name: 'Web key 2', iconLight: null, iconDark: PNG })).record;
    expect(edited).toMatchObject({ name: 'Web key 2', iconLight: null, iconDark: PNG });
    expect(JSON.parse(expectOk(await webAdmin.client.metadataRecord(id)).record.metadata)).toEqual({ vendor: 'Acme' });
    expect(expectOk(await acmeAdmin.client.updateMetadataRecord(id, { disabled: true })).record.disabled).toBe(true);
    expect(expectOk(await webAdmin.client.listMetadataRecords({ status: 'disabled', community: acme.communities.Web! })).items.map((r) => r.id)).toEqual([id]);
    expect(expectOk(await webAdmin.client.updateMetadataRecord(id, { disabled: false })).record.disabled).toBe(false);
    const events = await kit.db.auditEvent.findMany({ where: { subject: A } });
    expect(events.map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['metadata.vendor_created', `admin:${webAdmin.admin.id}`],
        ['metadata.vendor_updated', `admin:${acmeAdmin.admin.id}`],
      ]),
    );
  });

  it('refuses bad input with the fields and changes nothing', async () => {
    const web = acme.communities.Web!;
    for (const [input, field] of [
      [{ communityId: web, aaguid: 'nope', name: 'X' }, 'aaguid'],
      [{ communityId: web, aaguid: uuid(), name: '' }, 'name'],
      [{ communityId: web, aaguid: uuid(), name: 'X', iconLight: 'https://example.com/x.png' }, 'iconLight'],
      [{ communityId: web, aaguid: uuid(), name: 'X', iconDark: `data:image/jpeg;base64,${Buffer.from('not a jpeg').toString('base64')}` }, 'iconDark'],
      [{ communityId: web, aaguid: uuid(), name: 'X', metadata: 'not json' }, 'metadata'],
      [{ communityId: web, aaguid: uuid(), name: 'X', extra: 1 }, '_'],
    ] as const) {
      const before = await metadataState();
      const res = await webAdmin.client.createMetadataRecord(input);
      expectAdminError(res, 400, 'request.validation_failed');
      expect(Object.keys((res.body as { error: { fields: object } }).error.fields)).toEqual([field]);
      expect(await metadataState()).toEqual(before);
    }
    const id = expectOk(await webAdmin.client.createMetadataRecord({ communityId: web, aaguid: uuid(), name: 'Valid' })).record.id;
    await expectRefusedUnchanged(() => webAdmin.client.updateMetadataRecord(id, { name: ' ' }), 400, 'request.validation_failed');
    await expectRefusedUnchanged(() => webAdmin.client.listMetadataRecords({ status: 'off' }), 400, 'request.validation_failed');
  });

  it('keeps outsiders out: other community or tenant 404, service-wide records 403 for non-system admins', async () => {
    const mobile = expectOk(await root.client.createMetadataRecord({ communityId: acme.communities.Mobile, aaguid: uuid(), name: 'Mobile key' })).record.id;
    const global = expectOk(await root.client.createMetadataRecord({ communityId: 'global', aaguid: uuid(), name: 'Global key' })).record.id;
    await expectRefusedUnchanged(() => webAdmin.client.updateMetadataRecord(mobile, { disabled: true }), 404, 'metadata.not_found');
    await expectRefusedUnchanged(() => webAdmin.client.metadataRecord(mobile), 404, 'metadata.not_found');
    await expectRefusedUnchanged(() => globexAdmin.client.updateMetadataRecord(mobile, { name: 'Pwned' }), 404, 'metadata.not_found');
    await expectRefusedUnchanged(() => webAdmin.client.createMetadataRecord({ communityId: acme.communities.Mobile, aaguid: uuid(), name: 'X' }), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(() => globexAdmin.client.createMetadataRecord({ communityId: acme.communities.Web, aaguid: uuid(), name: 'X' }), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(() => globexAdmin.client.listMetadataRecords({ community: acme.communities.Web! }), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(() => acmeAdmin.client.createMetadataRecord({ communityId: 'global', aaguid: uuid(), name: 'X' }), 403, 'auth.forbidden');
    await expectRefusedUnchanged(() => webAdmin.client.updateMetadataRecord(global, { disabled: true }), 403, 'auth.forbidden');
  });
});

describe('MDS3 import', () => {
  it('previews a raw BLOB, then applies the same file (multipart) with its hash', async () => {
    const A = uuid();
    const B = uuid();
    await root.client.createMetadataRecord({ communityId: 'global', aaguid: B, name: 'Old name' });
    const jwt = await ca.sign(mdsPayload(41, [{ aaguid: A, description: 'MDS key A', icon: PNG }, { aaguid: B, description: 'MDS key B' }]));
    const before = await metadataState();
    const preview = expectOk(await root.client.previewMds(jwt));
    expect(preview).toMatchObject({ no: 41, nextUpdate: '2027-01-01', counts: { entries: 2, added: 1, changed: 1, unchanged: 0, skipped: 1 } });
    expect(preview.added).toEqual([{ aaguid: A, name: 'MDS key A' }]);
    expect(preview.changed).toEqual([{ aaguid: B, name: 'MDS key B', previousName: 'Old name' }]);
    expect(await metadataState()).toEqual(before);

    const form = new FormData();
    form.set('file', new Blob([jwt]), 'blob.jwt');
    form.set('sha256', preview.sha256);
    const applied = expectOk(await root.client.applyMds(form));
    expect(applied.counts).toEqual(preview.counts);
    const records = await kit.db.vendorMetadata.findMany({ where: { communityId: null, aaguid: { in: [A, B] } }, orderBy: { name: 'asc' } });
    expect(records.map((r) => [r.name, r.iconLight, r.updatedBy])).toEqual([
      ['MDS key A', PNG, 'FIDO MDS3 BLOB #41'],
      ['MDS key B', null, 'FIDO MDS3 BLOB #41'],
    ]);
    expect(await kit.db.auditEvent.count({ where: { type: 'metadata.mds_imported', actor: `admin:${root.admin.id}`, subject: 'mds:41' } })).toBe(1);
  });

  it('refuses forged, foreign, malformed and oversized BLOBs and another file than the previewed one; nothing changes', async () => {
    const jwt = await ca.sign(mdsPayload(50, [{ aaguid: uuid(), description: 'Key' }]));
    const sha256 = expectOk(await root.client.previewMds(jwt)).sha256;
    await expectRefusedUnchanged(() => root.client.previewMds(withForgedPayload(jwt, mdsPayload(51, [{ aaguid: uuid(), description: 'Evil' }]))), 400, 'metadata.mds_bad_signature');
    await expectRefusedUnchanged(async () => root.client.applyMds(await otherCa.sign(mdsPayload(50, [])), sha256), 400, 'metadata.mds_untrusted_chain');
    await expectRefusedUnchanged(() => root.client.previewMds('this is not a JWT'), 400, 'metadata.mds_malformed');
    await expectRefusedUnchanged(async () => root.client.applyMds(await ca.sign(mdsPayload(52, [])), sha256), 409, 'metadata.mds_changed');
    await expectRefusedUnchanged(() => root.client.applyMds(jwt), 400, 'request.validation_failed');
    await expectRefusedUnchanged(() => root.client.previewMds(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41)), 413, 'metadata.mds_too_large');
    const empty = new FormData();
    empty.set('sha256', sha256);
    await expectRefusedUnchanged(() => root.client.applyMds(empty), 400, 'request.validation_failed');
  });

  it('is for system admins only (403)', async () => {
    const jwt = await ca.sign(mdsPayload(60, [{ aaguid: uuid(), description: 'Key' }]));
    await expectRefusedUnchanged(() => acmeAdmin.client.previewMds(jwt), 403, 'auth.forbidden');
    await expectRefusedUnchanged(() => webAdmin.client.applyMds(jwt, 'a'.repeat(64)), 403, 'auth.forbidden');
  });
});

describe('AAGUID policy', () => {
  it('reads and saves the rules with optimistic concurrency (409 when saved in between)', async () => {
    const web = acme.communities.Web!;
    const A = uuid();
    const view = expectOk(await webAdmin.client.aaguidPolicy(web));
    expect(view).toMatchObject({ community: { id: web, name: 'Web' }, version: 0, registration: { mode: 'any' }, authentication: { mode: 'any' } });
    expect(view.known.length).toBeGreaterThan(10);
    const input = { version: 0, registration: { mode: 'allow', aaguids: [A] }, authentication: { mode: 'deny', aaguids: [] } };
    expect(expectOk(await webAdmin.client.saveAaguidPolicy(web, input))).toMatchObject({ version: 1, registration: { mode: 'allow', aaguids: [A] } });
    const stored = (await kit.db.community.findUniqueOrThrow({ where: { id: web } })).aaguidPolicy;
    expect(stored).toMatchObject({ registration: { mode: 'allow', aaguids: [A] }, authentication: { mode: 'deny', aaguids: [] }, version: 1 });
    // A second editor that read version 0 is refused.
    await expectRefusedUnchanged(() => acmeAdmin.client.saveAaguidPolicy(web, { ...input, registration: { mode: 'any', aaguids: [] } }), 409, 'metadata.policy_conflict');
    await expectRefusedUnchanged(() => webAdmin.client.saveAaguidPolicy(web, { ...input, version: 1, registration: { mode: 'allow', aaguids: [] } }), 400, 'request.validation_failed');
    await expectRefusedUnchanged(() => webAdmin.client.saveAaguidPolicy(web, { version: 1 }), 400, 'request.validation_failed');
  });

  it('keeps outsiders out: another community or tenant is 404 and nothing changes', async () => {
    const input = { version: 0, registration: { mode: 'deny', aaguids: [uuid()] }, authentication: { mode: 'any', aaguids: [] } };
    await expectRefusedUnchanged(() => webAdmin.client.aaguidPolicy(acme.communities.Mobile!), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(() => webAdmin.client.saveAaguidPolicy(acme.communities.Mobile!, input), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(() => globexAdmin.client.saveAaguidPolicy(acme.communities.Web!, input), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(() => acmeAdmin.client.saveAaguidPolicy(globex.communities.Shop!, input), 404, 'tenancy.community_not_found');
  });
});
