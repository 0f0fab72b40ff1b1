import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { createSession, findSession } from '../sessions/sessions';
import { enrollTestAdmin, seedAdminWorld, SYSTEM, type TAdminWorld, type TTestAdmin } from '../admin/test-support';
import { getUserOverview } from './get-user-overview';
import { listUsers } from './list-users';
import { removeUser } from './remove-user';
import { revokeUserPasskey } from './revoke-user-passkey';
import { setUserStatus } from './set-user-status';

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const ZERO = '00000000-0000-0000-0000-000000000000';

describe.each(TEST_PROVIDERS)('the console Users section on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TTestAdmin;
  let acmeAdmin: TTestAdmin;
  let webAdmin: TTestAdmin;
  let globexAdmin: TTestAdmin;
  let n = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    root = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink, username: 'root' });
    acmeAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.acme.id, communityIds: [] }, { username: 'acme-boss' });
    webAdmin = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] }, { username: 'web-keeper' });
    globexAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.globex.id, communityIds: [] }, { username: 'globex-boss' });
    await user(w.acme.web, 'alice', 'Alice Ängström', 'alice@acme.example');
    await user(w.acme.web, 'bob', 'Bob Builder', null);
    await user(w.acme.mobile, 'carol', 'Carol Mobile', 'carol@acme.example');
    await user(w.globex.shop, 'dave', 'Dave Shopper', 'dave@globex.example');
  });
  afterAll(async () => close());

  async function user(communityId: string, username: string, displayName: string, email: string | null) {
    n += 1;
    return db.user.create({ data: { communityId, username, displayName, email, emailVerified: !!email, userHandle: `h${n}-${username}` } });
  }
  async function userWithEverything(communityId: string, username: string) {
    const u = await user(communityId, username, `Test ${username}`, `${username}@example.com`);
    const device = await db.device.create({ data: { communityId, userId: u.id, info: { clientName: 'Chrome', osName: 'macOS' } } });
    const synced = await db.passkey.create({
      data: { communityId, userId: u.id, deviceId: device.id, credentialId: `c1-${username}`, publicKey: 'pk', alg: -7, name: 'MacBook', aaguid: ICLOUD, backupEligible: true, backupState: true, transports: ['internal', 'hybrid'], signCount: 0 },
    });
    const bound = await db.passkey.create({ data: { communityId, userId: u.id, credentialId: `c2-${username}`, publicKey: 'pk', alg: -7, name: 'Key', aaguid: ZERO, signCount: 42, transports: ['usb'] } });
    const session = await createSession({ db, communityId, userId: u.id, amr: ['hwk'], authTime: new Date() });
    return { user: u, device, synced, bound, session };
  }
  const usernames = async (principal: TTestAdmin, query: object = {}) => (await listUsers({ db, principal: principal.principal, query: { pageSize: 100, ...query } })).items.map((u) => u.username);
  const snapshot = (userId: string) =>
    Promise.all([
      db.user.findUnique({ where: { id: userId } }),
      db.passkey.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
      db.device.count({ where: { userId } }),
      db.session.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
      db.auditEvent.count(),
    ]);

  describe('list', () => {
    it('lists the users of the communities in scope, never the console realm', async () => {
      expect(await usernames(root)).toEqual(expect.arrayContaining(['alice', 'bob', 'carol', 'dave']));
      expect(await usernames(root)).not.toContain('root');
      expect(await usernames(acmeAdmin)).toEqual(['alice', 'bob', 'carol']);
      expect(await usernames(webAdmin)).toEqual(['alice', 'bob']);
      expect(await usernames(globexAdmin)).toEqual(['dave']);
    });

    it('filters by community, and a community out of scope is not found', async () => {
      expect(await usernames(acmeAdmin, { communityId: w.acme.mobile })).toEqual(['carol']);
      await expect(listUsers({ db, principal: webAdmin.principal, query: { communityId: w.acme.mobile } })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
      await expect(listUsers({ db, principal: acmeAdmin.principal, query: { communityId: w.globex.shop } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
      await expect(listUsers({ db, principal: root.principal, query: { communityId: w.consoleCommunityId } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    });

    it('searches username, name and email case-insensitively and pages on the server', async () => {
      expect(await usernames(acmeAdmin, { q: 'ÄNGSTRÖM' })).toEqual(['alice']);
      expect(await usernames(acmeAdmin, { q: 'builder' })).toEqual(['bob']);
      expect(await usernames(acmeAdmin, { q: 'ACME.EXAMPLE' })).toEqual(['alice', 'carol']);
      expect(await usernames(webAdmin, { q: 'carol' })).toEqual([]);
      expect(await usernames(acmeAdmin, { q: 'o', communityId: w.acme.web })).toEqual(['bob']);
      const page = await listUsers({ db, principal: acmeAdmin.principal, query: { q: 'e', pageSize: 10, page: 1 } });
      expect(page).toMatchObject({ total: 3, page: 1, pageCount: 1 });
      expect(page.items[0]).toEqual({
        id: expect.any(String),
        username: 'alice',
        displayName: 'Alice Ängström',
        email: 'alice@acme.example',
        emailVerified: true,
        status: 'active',
        community: { id: w.acme.web, name: 'Web' },
        passkeyCount: 0,
        createdAt: expect.any(String),
      });
      const unsearched = await listUsers({ db, principal: acmeAdmin.principal, query: { pageSize: 10, page: 9 } });
      expect(unsearched).toMatchObject({ total: 3, page: 1, pageCount: 1 });
    });

    it('refuses a bad query', async () => {
      await expect(listUsers({ db, principal: root.principal, query: { pageSize: 7 } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { pageSize: expect.any(String) } });
      await expect(listUsers({ db, principal: root.principal, query: { role: 'x' } as never })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
    });
  });

  describe('overview', () => {
    it('shows profile, passkeys with provider name and icons, devices and recent events', async () => {
      const { user: u, device, synced, bound } = await userWithEverything(w.acme.web, 'erin');
      await db.vendorMetadata.create({ data: { communityId: w.acme.web, aaguid: ICLOUD, name: 'Company iPhone', iconLight: 'data:image/png;base64,AA', iconDark: 'data:image/png;base64,AB' } });
      await db.auditEvent.create({ data: { type: 'passkeys.authenticated', actor: `user:${u.id}`, result: 'success', communityId: w.acme.web, subject: synced.id } });
      await db.auditEvent.create({ data: { type: 'passkeys.renamed', actor: 'license:x', result: 'success', communityId: w.acme.web, subject: bound.id } });
      await db.auditEvent.create({ data: { type: 'other.thing', actor: 'user:someone-else', result: 'success', communityId: w.acme.web, subject: 'nothing' } });
      const view = await getUserOverview({ db, principal: webAdmin.principal, userId: u.id });
      expect(view.user).toEqual({
        id: u.id,
        username: 'erin',
        displayName: 'Test erin',
        email: 'erin@example.com',
        emailVerified: true,
        phone: null,
        phoneVerified: false,
        status: 'active',
        createdAt: expect.any(String),
        community: { id: w.acme.web, name: 'Web', tenant: { id: w.acme.id, name: 'Acme' } },
      });
      const mac = view.passkeys.find((p) => p.id === synced.id)!;
      expect(mac).toMatchObject({ name: 'MacBook', providerName: 'Company iPhone', providerIconLight: 'data:image/png;base64,AA', providerIconDark: 'data:image/png;base64,AB', synced: true, backupEligible: true, signCount: 0, transports: ['internal', 'hybrid'] });
      expect(view.passkeys.find((p) => p.id === bound.id)).toMatchObject({ providerName: null, providerIconLight: null, synced: false, backupEligible: false, signCount: 42 });
      expect(view.devices).toEqual([expect.objectContaining({ id: device.id, clientName: 'Chrome', osName: 'macOS' })]);
      expect(view.events.map((e) => e.type)).toEqual(['passkeys.renamed', 'passkeys.authenticated']);
      // Another community's admin, or an unknown id: not found.
      const mobileOnly = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.mobile] });
      for (const admin of [mobileOnly, globexAdmin]) {
        await expect(getUserOverview({ db, principal: admin.principal, userId: u.id })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      }
      await expect(getUserOverview({ db, principal: root.principal, userId: root.principal.userId })).rejects.toMatchObject({ code: 'users.not_found' });
    });

    it('keeps the last 20 events, newest first', async () => {
      const u = await user(w.acme.web, 'frank', 'Frank', null);
      for (let i = 0; i < 25; i += 1) await db.auditEvent.create({ data: { type: `test.e${i}`, actor: `user:${u.id}`, result: 'success', communityId: w.acme.web, at: new Date(Date.UTC(2026, 0, 1, 0, i)) } });
      const view = await getUserOverview({ db, principal: acmeAdmin.principal, userId: u.id });
      expect(view.events).toHaveLength(20);
      expect(view.events[0]!.type).toBe('test.e24');
      expect(view.events[19]!.type).toBe('test.e5');
    });
  });

  describe('disable and enable', () => {
    it('disables: revokes live sessions at once, hides the sessions, audits; enable brings the account back', async () => {
      const { user: u, session } = await userWithEverything(w.acme.web, 'gina');
      expect(await findSession({ db, communityId: w.acme.web, token: session.token })).toBeDefined();
      expect(await setUserStatus({ db, principal: webAdmin.principal, userId: u.id, input: { status: 'disabled' } })).toEqual({ status: 'disabled', sessionsRevoked: 1 });
      expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).status).toBe('disabled');
      expect((await db.session.findFirstOrThrow({ where: { userId: u.id } })).revokedAt).not.toBeNull();
      expect(await findSession({ db, communityId: w.acme.web, token: session.token })).toBeUndefined();
      expect(await db.auditEvent.findFirst({ where: { type: 'users.disabled', subject: u.id } })).toMatchObject({ actor: `admin:${webAdmin.principal.adminId}`, tenantId: w.acme.id, communityId: w.acme.web, detail: { username: 'gina', sessionsRevoked: 1 } });
      expect((await listUsers({ db, principal: webAdmin.principal, query: { q: 'gina' } })).items[0]!.status).toBe('disabled');

      // Again: nothing changes, nothing is recorded.
      const events = await db.auditEvent.count();
      expect(await setUserStatus({ db, principal: webAdmin.principal, userId: u.id, input: { status: 'disabled' } })).toEqual({ status: 'disabled', sessionsRevoked: 0 });
      expect(await db.auditEvent.count()).toBe(events);

      expect(await setUserStatus({ db, principal: acmeAdmin.principal, userId: u.id, input: { status: 'active' } })).toEqual({ status: 'active', sessionsRevoked: 0 });
      expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).status).toBe('active');
      expect(await db.auditEvent.count({ where: { type: 'users.enabled', subject: u.id, actor: `admin:${acmeAdmin.principal.adminId}` } })).toBe(1);
      // A revoked session stays revoked: the user signs in again.
      expect(await findSession({ db, communityId: w.acme.web, token: session.token })).toBeUndefined();
    });

    it('refuses bad input and outsiders, changing nothing', async () => {
      const { user: u } = await userWithEverything(w.acme.web, 'hank');
      const before = await snapshot(u.id);
      for (const input of [{}, { status: 'locked' }, { status: 'disabled', reason: 'x' }, null]) {
        await expect(setUserStatus({ db, principal: webAdmin.principal, userId: u.id, input }), JSON.stringify(input)).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
      }
      await expect(setUserStatus({ db, principal: webAdmin.principal, userId: u.id, input: {} })).rejects.toMatchObject({ fields: { status: expect.any(String) } });
      await expect(setUserStatus({ db, principal: globexAdmin.principal, userId: u.id, input: { status: 'disabled' } })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      await expect(setUserStatus({ db, principal: root.principal, userId: 'no-such-user', input: { status: 'disabled' } })).rejects.toMatchObject({ code: 'users.not_found' });
      expect(await snapshot(u.id)).toEqual(before);
    });
  });

  describe('revoke a passkey', () => {
    it("deletes one passkey of the user, audited as the admin; the user's other passkeys and sessions stay", async () => {
      const { user: u, synced, bound } = await userWithEverything(w.acme.web, 'ivy');
      expect(await revokeUserPasskey({ db, principal: webAdmin.principal, userId: u.id, passkeyId: synced.id })).toEqual({ remaining: 1 });
      expect((await db.passkey.findMany({ where: { userId: u.id } })).map((p) => p.id)).toEqual([bound.id]);
      expect(await db.session.count({ where: { userId: u.id, revokedAt: null } })).toBe(1);
      expect(await db.auditEvent.findFirst({ where: { type: 'passkeys.deleted', subject: synced.id } })).toMatchObject({ actor: `admin:${webAdmin.principal.adminId}`, communityId: w.acme.web });
      // The revocation stays on the user's recent events (the passkey is found through its registration event).
      expect((await getUserOverview({ db, principal: webAdmin.principal, userId: u.id })).events.map((e) => e.type)).not.toContain('passkeys.deleted');
      await db.auditEvent.create({ data: { type: 'passkeys.registered', actor: `user:${u.id}`, result: 'success', communityId: w.acme.web, subject: synced.id } });
      const events = (await getUserOverview({ db, principal: webAdmin.principal, userId: u.id })).events;
      expect(events.find((e) => e.type === 'passkeys.deleted')).toMatchObject({ actor: `admin:${webAdmin.principal.adminId}`, subject: synced.id });
    });

    it("is not found for another user's passkey or an outsider, changing nothing", async () => {
      const { user: u, synced } = await userWithEverything(w.acme.web, 'jack');
      const other = await userWithEverything(w.acme.web, 'kim');
      const before = await snapshot(u.id);
      await expect(revokeUserPasskey({ db, principal: webAdmin.principal, userId: other.user.id, passkeyId: synced.id })).rejects.toMatchObject({ code: 'passkeys.not_found', status: 404 });
      await expect(revokeUserPasskey({ db, principal: globexAdmin.principal, userId: u.id, passkeyId: synced.id })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      await expect(revokeUserPasskey({ db, principal: webAdmin.principal, userId: u.id, passkeyId: 'nope' })).rejects.toMatchObject({ code: 'passkeys.not_found' });
      expect(await snapshot(u.id)).toEqual(before);
    });
  });

  describe('delete', () => {
    it('deletes the user with passkeys, devices and sessions, audited as the admin', async () => {
      const { user: u } = await userWithEverything(w.acme.mobile, 'liz');
      expect(await removeUser({ db, principal: acmeAdmin.principal, userId: u.id })).toEqual({ passkeys: 2, devices: 1, sessions: 1 });
      expect(await db.user.findUnique({ where: { id: u.id } })).toBeNull();
      expect(await db.passkey.count({ where: { userId: u.id } })).toBe(0);
      expect(await db.device.count({ where: { userId: u.id } })).toBe(0);
      expect(await db.session.count({ where: { userId: u.id } })).toBe(0);
      expect(await db.auditEvent.findFirst({ where: { type: 'users.deleted', subject: u.id } })).toMatchObject({ actor: `admin:${acmeAdmin.principal.adminId}`, detail: { username: 'liz', passkeys: 2, devices: 1, sessions: 1 } });
      await expect(removeUser({ db, principal: acmeAdmin.principal, userId: u.id })).rejects.toMatchObject({ code: 'users.not_found' });
    });

    it("is not found for another community's admin, changing nothing", async () => {
      const { user: u } = await userWithEverything(w.acme.mobile, 'max');
      const before = await snapshot(u.id);
      for (const admin of [webAdmin, globexAdmin]) {
        await expect(removeUser({ db, principal: admin.principal, userId: u.id })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      }
      expect(await snapshot(u.id)).toEqual(before);
    });
  });
});
