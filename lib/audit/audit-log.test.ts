import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { isAppError, type TErrorCode } from '../errors';
import { enrollTestAdmin, seedAdminWorld, SYSTEM, type TAdminWorld, type TTestAdmin } from '../admin/test-support';
import { listAuditEvents, encodeAuditCursor } from './list-audit-events';
import { exportAuditEvents } from './export-audit-events';
import { csvCell, csvRecord } from './csv';

async function expectCode(p: Promise<unknown>, code: TErrorCode, field?: string) {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(isAppError(e) && e.code).toBe(code);
  if (field) expect(isAppError(e) && e.fields).toHaveProperty(field);
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}

describe('CSV cells (RFC 4180, formula injection)', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvRecord(['x', 3, true])).toBe('x,3,true\r\n');
  });
});

describe.each(TEST_PROVIDERS)('the audit log on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TTestAdmin;
  let acmeAdmin: TTestAdmin;
  let webAdmin: TTestAdmin;
  let globexAdmin: TTestAdmin;
  let alice: { web: string; shop: string };
  const T0 = Date.parse('2026-11-01T12:00:00Z');
  const at = (minutes: number) => new Date(T0 + minutes * 60_000);

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    root = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink, username: 'root' });
    acmeAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.acme.id, communityIds: [] });
    webAdmin = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] });
    globexAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.globex.id, communityIds: [] });
    const user = (communityId: string) => db.user.create({ data: { communityId, username: 'alice', displayName: 'Alice', userHandle: crypto.randomUUID() } }).then((u) => u.id);
    alice = { web: await user(w.acme.web), shop: await user(w.globex.shop) };
    // Remove what the set-up wrote, so that the tests see only their own events.
    await db.auditEvent.deleteMany({});
    const ev = (minutes: number, type: string, communityId: string | null, extra: Record<string, unknown> = {}) => ({ at: at(minutes), type, actor: 'cli', result: 'success', communityId, ...extra });
    await db.auditEvent.createMany({
      data: [
        // Web: 25 sign-ins, 5 of them at the same instant (keyset ties), one failure, alice's own events.
        ...Array.from({ length: 20 }, (_, i) => ev(i, 'passkeys.authenticated', w.acme.web, { actor: `user:${alice.web}`, tenantId: w.acme.id })),
        ...Array.from({ length: 5 }, () => ev(30, 'passkeys.authenticated', w.acme.web)),
        ev(31, 'passkeys.authentication_failed', w.acme.web, { result: 'failure', ip: '203.0.113.9', userAgent: '=cmd|calc', detail: { code: 'passkeys.unknown_credential', reason: 'no, "such" key' } }),
        ev(32, 'users.deleted', w.acme.web, { actor: 'license:l1', subject: alice.web }),
        ev(40, 'passkeys.registered', w.acme.mobile),
        ev(50, 'licenses.created', null, { tenantId: w.acme.id }),
        ev(60, 'passkeys.authenticated', w.globex.shop, { actor: `user:${alice.shop}` }),
        ev(70, 'tenancy.tenant_created', null),
      ],
    });
  });
  afterAll(async () => close());

  const list = (admin: TTestAdmin, query: Record<string, unknown> = {}) => listAuditEvents({ db, principal: admin.principal, query: { pageSize: 100, ...query } });
  const types = async (admin: TTestAdmin, query: Record<string, unknown> = {}) => (await list(admin, query)).items.map((e) => e.type);

  describe('scope', () => {
    it('shows each admin the events of its scope, newest first', async () => {
      expect(await list(root)).toMatchObject({ nextCursor: null });
      expect((await list(root)).items).toHaveLength(31);
      expect((await types(root)).slice(0, 3)).toEqual(['tenancy.tenant_created', 'passkeys.authenticated', 'licenses.created']);
      // Tenant: its communities and its own events of no community; not Globex, not the service's.
      expect(await types(acmeAdmin)).toHaveLength(29);
      expect(await types(acmeAdmin)).toContain('licenses.created');
      expect(await types(acmeAdmin)).not.toContain('tenancy.tenant_created');
      // Community: only Web.
      const web = await list(webAdmin);
      expect(web.items).toHaveLength(27);
      expect(new Set(web.items.map((e) => e.communityId))).toEqual(new Set([w.acme.web]));
      expect(await types(globexAdmin)).toEqual(['passkeys.authenticated']);
    });

    it("answers another community's filter with 404 and shows nothing of it", async () => {
      await expectCode(list(webAdmin, { communityId: w.acme.mobile }), 'tenancy.community_not_found');
      await expectCode(list(acmeAdmin, { communityId: w.globex.shop }), 'tenancy.community_not_found');
      await expectCode(list(root, { communityId: w.consoleCommunityId }), 'tenancy.community_not_found');
      expect(await types(acmeAdmin, { communityId: w.acme.mobile })).toEqual(['passkeys.registered']);
    });

    it("finds a user only in the caller's communities", async () => {
      // "alice" exists in Web and in Shop: the Web admin sees only Web's alice.
      expect(await types(webAdmin, { user: 'alice' })).toHaveLength(21);
      expect(await types(globexAdmin, { user: 'alice' })).toHaveLength(1);
      expect(await types(root, { user: 'alice' })).toHaveLength(22);
      expect(await types(webAdmin, { user: alice.shop })).toEqual([]);
      expect(await types(webAdmin, { user: alice.web, type: 'users.' })).toEqual(['users.deleted']);
    });
  });

  describe('filters', () => {
    it('filters by type prefix, result, actor and time', async () => {
      expect(await types(root, { type: 'passkeys.authentication' })).toEqual(['passkeys.authentication_failed']);
      expect(await types(root, { result: 'failure' })).toEqual(['passkeys.authentication_failed']);
      expect(await types(root, { actor: 'license:l1' })).toEqual(['users.deleted']);
      expect(await types(root, { from: at(40).toISOString(), to: at(60).toISOString() })).toEqual(['passkeys.authenticated', 'licenses.created', 'passkeys.registered']);
      expect(await types(root, { from: '2026-11-01T13:05', to: '2026-11-01T13:10' })).toEqual(['tenancy.tenant_created']);
      expect(await types(root, { to: '2026-10-31' })).toEqual([]);
      expect(await list(root, { from: '2026-11-01', to: '2026-11-01' }).then((p) => p.items.length)).toBe(31);
    });

    it('refuses bad filters with the field at fault', async () => {
      await expectCode(list(root, { pageSize: 7 }), 'request.validation_failed', 'pageSize');
      await expectCode(list(root, { result: 'maybe' }), 'request.validation_failed', 'result');
      await expectCode(list(root, { from: 'yesterday' }), 'request.validation_failed', 'from');
      await expectCode(list(root, { from: '2026-11-02', to: '2026-11-01' }), 'request.validation_failed', 'to');
      await expectCode(list(root, { type: 'DROP TABLE' }), 'request.validation_failed', 'type');
      await expectCode(list(root, { cursor: 'bm9wZQ' }), 'request.validation_failed', 'cursor');
      await expectCode(list(root, { sort: 'at' }), 'request.validation_failed');
    });
  });

  describe('keyset paging', () => {
    it('walks every event once, ties on the same instant included', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await list(root, { pageSize: 10, cursor });
        seen.push(...page.items.map((e) => e.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const all = (await list(root)).items.map((e) => e.id);
      expect(seen).toEqual(all);
      expect(new Set(seen).size).toBe(31);
    });

    it('gives an empty last page for a cursor past the oldest event', async () => {
      expect(await list(root, { cursor: encodeAuditCursor({ at: new Date('2000-01-01T00:00:00Z'), id: 'a' }) })).toEqual({ items: [], pageSize: 100, nextCursor: null });
    });
  });

  describe('export', () => {
    it('exports CSV with quoting and formula protection, and records the export', async () => {
      const out = await exportAuditEvents({ db, principal: webAdmin.principal, query: { format: 'csv', result: 'failure' }, meta: { ip: '198.51.100.7', userAgent: 'test' }, now: new Date('2026-11-30T10:20:30.456Z') });
      expect(out).toMatchObject({ filename: 'latchkey-audit-20261130T102030Z.csv', contentType: 'text/csv; charset=utf-8', limit: 100_000 });
      const csv = await text(out.chunks);
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe('at,id,type,result,actor,subject,tenantId,communityId,ip,userAgent,detail');
      expect(lines[1]).toContain(`,passkeys.authentication_failed,failure,cli,,,${w.acme.web},203.0.113.9,'=cmd|calc,"{""code"":""passkeys.unknown_credential"",""reason"":""no, \\""such\\"" key""}"`);
      expect(lines).toHaveLength(3);
      const recorded = await db.auditEvent.findFirst({ where: { type: 'audit.exported' }, orderBy: { at: 'desc' } });
      expect(recorded).toMatchObject({ actor: `admin:${webAdmin.principal.adminId}`, result: 'success', ip: '198.51.100.7', tenantId: w.acme.id, detail: { format: 'csv', filter: { result: 'failure' }, limit: 100_000 } });
      await db.auditEvent.deleteMany({ where: { type: 'audit.exported' } });
    });

    it('exports JSON in scope, bounded, saying whether events were left out', async () => {
      const full = JSON.parse(await text((await exportAuditEvents({ db, principal: globexAdmin.principal, query: { format: 'json' } })).chunks));
      expect(full).toMatchObject({ limit: 100_000, truncated: false });
      // The export's own event (of the tenant) comes first: it is written before reading.
      expect(full.events.map((e: { type: string }) => e.type)).toEqual(['audit.exported', 'passkeys.authenticated']);
      const cut = JSON.parse(await text((await exportAuditEvents({ db, principal: root.principal, query: { format: 'json', type: 'passkeys.' }, limit: 3 })).chunks));
      expect(cut.truncated).toBe(true);
      expect(cut.events).toHaveLength(3);
      const exact = JSON.parse(await text((await exportAuditEvents({ db, principal: root.principal, query: { format: 'json', type: 'passkeys.registered' }, limit: 1 })).chunks));
      expect(exact).toMatchObject({ truncated: false, events: [{ type: 'passkeys.registered' }] });
      await db.auditEvent.deleteMany({ where: { type: 'audit.exported' } });
    });

    it("refuses another community's export with 404 and records nothing", async () => {
      await expectCode(exportAuditEvents({ db, principal: webAdmin.principal, query: { format: 'csv', communityId: w.globex.shop } }), 'tenancy.community_not_found');
      await expectCode(exportAuditEvents({ db, principal: root.principal, query: { format: 'xml' } }), 'request.validation_failed', 'format');
      expect(await db.auditEvent.count({ where: { type: 'audit.exported' } })).toBe(0);
    });
  });
});
