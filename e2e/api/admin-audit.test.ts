import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError, expectRefusedUnchanged } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';
import type { TAuditPage } from '../../lib/audit/list-audit-events';

/**
 * The Audit log and Dashboard endpoints over HTTP: the list with its filters and keyset paging, the
 * CSV/JSON export (streamed, quoted, recorded), the dashboard's figures, and their outsiders
 * (another tenant's or community's data is 404 and nothing is recorded or changed).
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

let kit: TAdminTestKit;
let root: TSignedInAdmin;
let acmeAdmin: TSignedInAdmin;
let webAdmin: TSignedInAdmin;
let acme: { id: string; communities: Record<string, string> };
let globex: { id: string; communities: Record<string, string> };
const TYPE = `apitest${Date.now().toString(36)}.`;

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  ({ acme, globex, root, acmeAdmin, webAdmin } = await kit.seedWorld());
  const now = Date.now();
  const ev = (minutesAgo: number, type: string, communityId: string, extra: Record<string, unknown> = {}) => ({ at: new Date(now - minutesAgo * 60_000), type: `${TYPE}${type}`, actor: 'cli', result: 'success', communityId, ...extra });
  await kit.db.auditEvent.createMany({
    data: [
      ...Array.from({ length: 12 }, (_, i) => ev(30 - i, 'signed_in', acme.communities.Web!)),
      ev(10, 'failed', acme.communities.Web!, { result: 'failure', userAgent: '=HYPERLINK("x")', detail: { code: 'passkeys.unknown_credential', note: 'a,b' } }),
      ev(9, 'created', acme.communities.Mobile!),
      ev(8, 'created', globex.communities.Shop!),
    ],
  });
  // Ceremony events for the dashboard, in Web.
  await kit.db.auditEvent.createMany({
    data: [
      { type: 'passkeys.authenticated', actor: 'user:u', result: 'success', communityId: acme.communities.Web! },
      { type: 'passkeys.authentication_failed', actor: 'anonymous', result: 'failure', communityId: acme.communities.Web!, detail: { code: 'passkeys.challenge_expired' } },
    ],
  });
});
afterAll(async () => kit?.close());

const types = (page: TAuditPage) => page.items.map((e) => e.type.slice(TYPE.length));
const exports = () => kit.db.auditEvent.count({ where: { type: 'audit.exported' } });

describe('list', () => {
  it('lists the events in scope, newest first, filtered on the server', async () => {
    expect(types(expectOk(await root.client.listAuditEvents({ type: TYPE, pageSize: 100 })))).toHaveLength(15);
    expect(types(expectOk(await acmeAdmin.client.listAuditEvents({ type: TYPE, pageSize: 100 })))).toHaveLength(14);
    const web = expectOk(await webAdmin.client.listAuditEvents({ type: TYPE, pageSize: 100 }));
    expect(types(web)).toEqual(['failed', ...Array.from({ length: 12 }, () => 'signed_in')]);
    expect(web.items[0]).toMatchObject({ result: 'failure', communityId: acme.communities.Web, actor: 'cli', userAgent: '=HYPERLINK("x")', detail: { code: 'passkeys.unknown_credential' } });
    expect(types(expectOk(await acmeAdmin.client.listAuditEvents({ type: TYPE, communityId: acme.communities.Mobile! })))).toEqual(['created']);
    expect(types(expectOk(await root.client.listAuditEvents({ type: TYPE, result: 'failure' })))).toEqual(['failed']);
  });

  it('pages by cursor without gaps or repeats', async () => {
    const first = expectOk(await webAdmin.client.listAuditEvents({ type: TYPE, pageSize: 10 }));
    expect(first.items).toHaveLength(10);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectOk(await webAdmin.client.listAuditEvents({ type: TYPE, pageSize: 10, cursor: first.nextCursor! }));
    expect(second).toMatchObject({ nextCursor: null });
    expect(second.items).toHaveLength(3);
    expect(new Set([...first.items, ...second.items].map((e) => e.id)).size).toBe(13);
  });

  it('refuses bad input with the fields at fault', async () => {
    const res = await root.client.listAuditEvents({ pageSize: 7, result: 'maybe', from: 'soon' });
    expectAdminError(res, 400, 'request.validation_failed');
    expect(Object.keys((res.body as { error: { fields: object } }).error.fields).sort()).toEqual(['from', 'pageSize', 'result']);
    expectAdminError(await root.client.listAuditEvents({ cursor: 'garbage' }), 400, 'request.validation_failed');
    expectAdminError(await root.client.listAuditEvents({ offset: 10 }), 400, 'request.validation_failed');
  });
});

describe('export', () => {
  it('streams CSV as an attachment, quoted and defused, and records the export', async () => {
    const before = await exports();
    const res = await webAdmin.client.exportAudit({ format: 'csv', type: TYPE });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="latchkey-audit-\d{8}T\d{6}Z\.csv"; filename\*=UTF-8''latchkey-audit-/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-export-limit')).toBe('100000');
    const lines = String(res.body).split('\r\n');
    expect(lines[0]).toBe('at,id,type,result,actor,subject,tenantId,communityId,ip,userAgent,detail');
    expect(lines).toHaveLength(1 + 13 + 1);
    expect(lines[1]).toContain(`,${TYPE}failed,failure,cli,`);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""x"")","{""code"":""passkeys.unknown_credential"",""note"":""a,b""}"`);
    expect(await exports()).toBe(before + 1);
    expect(await kit.db.auditEvent.findFirst({ where: { type: 'audit.exported' }, orderBy: { at: 'desc' } })).toMatchObject({ actor: `admin:${webAdmin.admin.id}`, detail: { format: 'csv', filter: { type: TYPE } } });
  });

  it('refuses an export that another site started (a link with the cookie: Sec-Fetch-Site cross-site), recording nothing', async () => {
    const before = await exports();
    expectAdminError(await webAdmin.client.exportAudit({ format: 'csv' }, { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'auth.forbidden');
    expect(await exports()).toBe(before);
    expect((await webAdmin.client.exportAudit({ format: 'json' }, { headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect(await exports()).toBe(before + 1);
  });

  it('exports JSON in scope', async () => {
    const res = await acmeAdmin.client.exportAudit({ format: 'json', type: TYPE, communityId: acme.communities.Mobile! });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ limit: 100000, truncated: false, events: [{ type: `${TYPE}created`, communityId: acme.communities.Mobile }] });
  });

  it('refuses bad input with 400 and records nothing', async () => {
    const before = await exports();
    expectAdminError(await root.client.exportAudit({ format: 'xlsx' }), 400, 'request.validation_failed');
    expectAdminError(await root.client.exportAudit({ format: 'csv', from: '2026-12-02', to: '2026-12-01' }), 400, 'request.validation_failed');
    expect(await exports()).toBe(before);
  });
});

describe('dashboard', () => {
  it("shows a community's figures", async () => {
    const d = expectOk(await webAdmin.client.dashboard({ days: 7, communityId: acme.communities.Web! }));
    expect(d).toMatchObject({ days: 7, communityId: acme.communities.Web, totals: { signIns: 1, registrations: 0, failures: 1 }, failuresByReason: [{ reason: 'passkeys.challenge_expired', count: 1 }] });
    expect(d.perDay).toHaveLength(7);
    expectAdminError(await webAdmin.client.dashboard({ days: 14 }), 400, 'request.validation_failed');
  });
});

describe('outsiders', () => {
  it("answers another community's or tenant's data with 404 and changes nothing", async () => {
    const before = await exports();
    await expectRefusedUnchanged(kit.db, () => webAdmin.client.listAuditEvents({ communityId: acme.communities.Mobile! }), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(kit.db, () => acmeAdmin.client.listAuditEvents({ communityId: globex.communities.Shop! }), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(kit.db, () => webAdmin.client.exportAudit({ format: 'csv', communityId: globex.communities.Shop! }), 404, 'tenancy.community_not_found');
    await expectRefusedUnchanged(kit.db, () => acmeAdmin.client.dashboard({ communityId: globex.communities.Shop! }), 404, 'tenancy.community_not_found');
    expect(await exports()).toBe(before);
  });

  it("never shows another tenant's events, filtered or not", async () => {
    const globexEvents = await kit.db.auditEvent.findMany({ where: { communityId: globex.communities.Shop! }, select: { id: true } });
    const seen = expectOk(await acmeAdmin.client.listAuditEvents({ pageSize: 100 })).items.map((e) => e.id);
    expect(seen.filter((id) => globexEvents.some((g) => g.id === id))).toEqual([]);
    const csv = String((await webAdmin.client.exportAudit({ format: 'csv' })).body);
    expect(csv).not.toContain(globex.communities.Shop!);
    expect(csv).not.toContain(acme.communities.Mobile!);
  });
});
