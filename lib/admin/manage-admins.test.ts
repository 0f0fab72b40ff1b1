import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { resolveAdminSession } from './admin-session';
import { changeAdminRole } from './change-admin-role';
import { findValidSetupToken } from './create-setup-link';
import { inviteAdmin } from './invite-admin';
import { listAdmins } from './list-admins';
import { listInvitations } from './list-invitations';
import { listScopeOptions } from './list-scope-options';
import { removeAdmin } from './remove-admin';
import { revokeInvitation } from './revoke-invitation';
import type { TAdminPrincipal } from './principal';
import { CONSOLE_ORIGIN, enrollTestAdmin, seedAdminWorld, SYSTEM, tokenOf, type TAdminWorld, type TTestAdmin } from './test-support';

describe.each(TEST_PROVIDERS)('managing administrators on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TTestAdmin;
  let acmeAdmin: TTestAdmin;
  let webAdmin: TTestAdmin;
  let webMobileAdmin: TTestAdmin;
  let globexAdmin: TTestAdmin;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    root = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink, username: 'root' });
    acmeAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.acme.id, communityIds: [] }, { username: 'acme-boss' });
    webAdmin = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] }, { username: 'web-keeper' });
    webMobileAdmin = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web, w.acme.mobile] }, { username: 'both-keeper' });
    globexAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.globex.id, communityIds: [] }, { username: 'globex-boss' });
  });
  afterAll(async () => close());

  const usernames = async (principal: TAdminPrincipal, q?: string) => (await listAdmins({ db, principal, query: { q, pageSize: 100 } })).items.map((a) => a.username);
  const adminRow = (id: string) => db.admin.findUnique({ where: { id } });

  describe('list', () => {
    it('shows each admin the administrators within its scope', async () => {
      expect((await usernames(root.principal)).sort()).toEqual(['acme-boss', 'both-keeper', 'globex-boss', 'root', 'web-keeper']);
      expect((await usernames(acmeAdmin.principal)).sort()).toEqual(['acme-boss', 'both-keeper', 'web-keeper']);
      expect((await usernames(webMobileAdmin.principal)).sort()).toEqual(['both-keeper', 'web-keeper']);
      expect(await usernames(webAdmin.principal)).toEqual(['web-keeper']);
      expect(await usernames(globexAdmin.principal)).toEqual(['globex-boss']);
    });

    it('describes each admin with names, passkeys and "you"', async () => {
      const page = await listAdmins({ db, principal: acmeAdmin.principal, query: { q: 'both' } });
      expect(page).toMatchObject({ total: 1, page: 1, pageSize: 25, pageCount: 1 });
      expect(page.items[0]).toEqual({
        id: webMobileAdmin.principal.adminId,
        userId: webMobileAdmin.principal.userId,
        username: 'both-keeper',
        displayName: 'Test both-keeper',
        role: 'community',
        tenant: { id: w.acme.id, name: 'Acme' },
        communities: expect.arrayContaining([{ id: w.acme.web, name: 'Web' }, { id: w.acme.mobile, name: 'Mobile' }]),
        createdAt: expect.any(String),
        passkeyCount: 1,
        lastSignInAt: expect.any(String),
        isYou: false,
      });
      expect((await listAdmins({ db, principal: acmeAdmin.principal, query: { q: 'ACME' } })).items).toEqual([expect.objectContaining({ username: 'acme-boss', isYou: true })]);
    });

    it('searches case-insensitively and pages on the server', async () => {
      expect(await usernames(root.principal, 'KEEPER')).toEqual(['both-keeper', 'web-keeper']);
      expect(await usernames(root.principal, 'nobody')).toEqual([]);
      const p1 = await listAdmins({ db, principal: root.principal, query: { pageSize: 10, page: 1 } });
      expect(p1).toMatchObject({ total: 5, pageCount: 1 });
      const beyond = await listAdmins({ db, principal: root.principal, query: { page: 9 } });
      expect(beyond.page).toBe(1);
      await expect(listAdmins({ db, principal: root.principal, query: { pageSize: 7 } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { pageSize: expect.any(String) } });
      await expect(listAdmins({ db, principal: root.principal, query: { extra: 1 } as never })).rejects.toMatchObject({ code: 'request.validation_failed' });
    });
  });

  describe('invite', () => {
    it('lets each admin invite within its scope, and the link carries the grant', async () => {
      const cases: Array<[TTestAdmin, object]> = [
        [root, { role: 'system' }],
        [root, { role: 'tenant', tenantId: w.globex.id }],
        [acmeAdmin, { role: 'tenant', tenantId: w.acme.id }],
        [acmeAdmin, { role: 'community', communityIds: [w.acme.mobile, w.acme.web] }],
        [webMobileAdmin, { role: 'community', communityIds: [w.acme.mobile], label: 'Mo from mobile' }],
      ];
      for (const [admin, input] of cases) {
        const { url, invitation } = await inviteAdmin({ db, principal: admin.principal, origin: CONSOLE_ORIGIN, input });
        expect(url).toMatch(/^https:\/\/id\.example\.com\/admin\/setup\?token=[\w-]{43}$/);
        const valid = await findValidSetupToken({ db, token: tokenOf(url) });
        expect(valid).toMatchObject({ role: invitation.role, tenantId: invitation.tenant?.id ?? null });
        expect(invitation.createdBy).toBe(`admin:${admin.principal.adminId}`);
      }
      const mobileInvite = (await listInvitations({ db, principal: webMobileAdmin.principal }))[0];
      expect(mobileInvite).toMatchObject({ role: 'community', label: 'Mo from mobile', tenant: { id: w.acme.id, name: 'Acme' }, communities: [{ id: w.acme.mobile, name: 'Mobile' }] });
    });

    it('refuses a role above your own with 403, and scope outside yours with 404, creating nothing', async () => {
      const cases: Array<[TTestAdmin, object, string]> = [
        [acmeAdmin, { role: 'system' }, 'admin.role_not_grantable'],
        [webAdmin, { role: 'tenant', tenantId: w.acme.id }, 'admin.role_not_grantable'],
        [webAdmin, { role: 'system' }, 'admin.role_not_grantable'],
        [acmeAdmin, { role: 'tenant', tenantId: w.globex.id }, 'tenancy.tenant_not_found'],
        [acmeAdmin, { role: 'community', communityIds: [w.globex.shop] }, 'tenancy.community_not_found'],
        [acmeAdmin, { role: 'community', communityIds: [w.consoleCommunityId] }, 'tenancy.community_not_found'],
        [webAdmin, { role: 'community', communityIds: [w.acme.mobile] }, 'tenancy.community_not_found'],
        [webAdmin, { role: 'community', communityIds: [w.acme.web, w.acme.mobile] }, 'tenancy.community_not_found'],
        [root, { role: 'tenant', tenantId: 'no-such-tenant' }, 'tenancy.tenant_not_found'],
        [root, { role: 'community', communityIds: [w.acme.web, w.globex.shop] }, 'request.validation_failed'],
        [root, { role: 'community', tenantId: w.globex.id, communityIds: [w.acme.web] }, 'request.validation_failed'],
        [root, { role: 'tenant' }, 'request.validation_failed'],
        [root, { role: 'community', communityIds: [] }, 'request.validation_failed'],
        [root, { role: 'owner' }, 'request.validation_failed'],
        [root, { role: 'system', isAdmin: true }, 'request.validation_failed'],
      ];
      const before = await db.adminSetupToken.count();
      for (const [admin, input, code] of cases) {
        await expect(inviteAdmin({ db, principal: admin.principal, origin: CONSOLE_ORIGIN, input }), JSON.stringify(input)).rejects.toMatchObject({ code });
      }
      expect(await db.adminSetupToken.count()).toBe(before);
    });

    it('puts field messages on the form fields', async () => {
      await expect(inviteAdmin({ db, principal: root.principal, origin: CONSOLE_ORIGIN, input: { role: 'tenant' } })).rejects.toMatchObject({ fields: { tenantId: 'Choose the tenant this administrator manages.' } });
      await expect(inviteAdmin({ db, principal: root.principal, origin: CONSOLE_ORIGIN, input: { role: 'community' } })).rejects.toMatchObject({ fields: { communityIds: 'Choose at least one community.' } });
    });
  });

  describe('invitations', () => {
    it('lists pending invitations in scope and revokes them', async () => {
      const { url, invitation } = await inviteAdmin({ db, principal: acmeAdmin.principal, origin: CONSOLE_ORIGIN, input: { role: 'community', communityIds: [w.acme.web], label: 'To revoke' } });
      expect((await listInvitations({ db, principal: root.principal })).map((i) => i.id)).toContain(invitation.id);
      expect((await listInvitations({ db, principal: webAdmin.principal })).map((i) => i.id)).toContain(invitation.id);
      expect((await listInvitations({ db, principal: globexAdmin.principal })).map((i) => i.id)).not.toContain(invitation.id);
      // Outsiders: not found, and the link still works.
      await expect(revokeInvitation({ db, principal: globexAdmin.principal, invitationId: invitation.id })).rejects.toMatchObject({ code: 'admin.invitation_not_found', status: 404 });
      const mobileOnly = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.mobile] });
      await expect(revokeInvitation({ db, principal: mobileOnly.principal, invitationId: invitation.id })).rejects.toMatchObject({ code: 'admin.invitation_not_found' });
      expect(await findValidSetupToken({ db, token: tokenOf(url) })).toBeDefined();

      await revokeInvitation({ db, principal: webAdmin.principal, invitationId: invitation.id });
      expect(await findValidSetupToken({ db, token: tokenOf(url) })).toBeUndefined();
      await expect(revokeInvitation({ db, principal: webAdmin.principal, invitationId: invitation.id })).rejects.toMatchObject({ code: 'admin.invitation_not_found' });
      expect(await db.auditEvent.count({ where: { type: 'admin.invitation_revoked', subject: invitation.id } })).toBe(1);
    });

    it('does not list or revoke used invitations', async () => {
      const used = await db.adminSetupToken.findFirstOrThrow({ where: { usedAt: { not: null } } });
      expect((await listInvitations({ db, principal: root.principal })).map((i) => i.id)).not.toContain(used.id);
      await expect(revokeInvitation({ db, principal: root.principal, invitationId: used.id })).rejects.toMatchObject({ code: 'admin.invitation_not_found' });
    });
  });

  describe('change role', () => {
    it('changes role and scope within the rules; the admin sees it on its next request', async () => {
      const target = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] });
      const updated = await changeAdminRole({ db, principal: acmeAdmin.principal, adminId: target.principal.adminId, input: { role: 'tenant', tenantId: w.acme.id } });
      expect(updated).toMatchObject({ id: target.principal.adminId, role: 'tenant', tenant: { id: w.acme.id, name: 'Acme' }, communities: [] });
      expect((await resolveAdminSession({ db, token: target.sessionToken }))?.principal).toMatchObject({ role: 'tenant', tenantId: w.acme.id, communityIds: [] });
      const back = await changeAdminRole({ db, principal: webMobileAdmin.principal, adminId: webAdmin.principal.adminId, input: { role: 'community', communityIds: [w.acme.web, w.acme.mobile] } });
      expect(back.communities.map((c) => c.name).sort()).toEqual(['Mobile', 'Web']);
      await changeAdminRole({ db, principal: root.principal, adminId: webAdmin.principal.adminId, input: { role: 'community', communityIds: [w.acme.web] } });
      expect(await db.auditEvent.count({ where: { type: 'admin.role_changed', subject: webAdmin.principal.adminId } })).toBe(2);
    });

    it('refuses outsiders with 404 and raises with 403, changing nothing', async () => {
      const cases: Array<[TTestAdmin, string, object, string]> = [
        [globexAdmin, webAdmin.principal.adminId, { role: 'community', communityIds: [w.globex.shop] }, 'admin.not_found'],
        [webAdmin, webMobileAdmin.principal.adminId, { role: 'community', communityIds: [w.acme.web] }, 'admin.not_found'],
        [webAdmin, acmeAdmin.principal.adminId, { role: 'community', communityIds: [w.acme.web] }, 'admin.not_found'],
        [acmeAdmin, root.principal.adminId, { role: 'tenant', tenantId: w.acme.id }, 'admin.not_found'],
        [acmeAdmin, 'no-such-admin', { role: 'tenant', tenantId: w.acme.id }, 'admin.not_found'],
        [acmeAdmin, webAdmin.principal.adminId, { role: 'system' }, 'admin.role_not_grantable'],
        [webMobileAdmin, webAdmin.principal.adminId, { role: 'tenant', tenantId: w.acme.id }, 'admin.role_not_grantable'],
        [acmeAdmin, webAdmin.principal.adminId, { role: 'community', communityIds: [w.globex.shop] }, 'tenancy.community_not_found'],
        [acmeAdmin, webAdmin.principal.adminId, { role: 'community' }, 'request.validation_failed'],
      ];
      for (const [admin, adminId, input, code] of cases) {
        const before = await adminRow(adminId);
        await expect(changeAdminRole({ db, principal: admin.principal, adminId, input }), `${admin.username} → ${JSON.stringify(input)}`).rejects.toMatchObject({ code });
        expect(await adminRow(adminId)).toEqual(before);
      }
    });

    it('never demotes the last system admin, even when two demote each other at once', async () => {
      await expect(changeAdminRole({ db, principal: root.principal, adminId: root.principal.adminId, input: { role: 'tenant', tenantId: w.acme.id } })).rejects.toMatchObject({ code: 'admin.last_system_admin', status: 409 });
      const other = await enrollTestAdmin(db, SYSTEM);
      const results = await Promise.allSettled([
        changeAdminRole({ db, principal: root.principal, adminId: other.principal.adminId, input: { role: 'tenant', tenantId: w.acme.id } }),
        changeAdminRole({ db, principal: other.principal, adminId: root.principal.adminId, input: { role: 'tenant', tenantId: w.acme.id } }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await db.admin.count({ where: { role: 'system' } })).toBe(1);
      // Put things back: root is the system admin again.
      const sys = await db.admin.findFirstOrThrow({ where: { role: 'system' } });
      if (sys.id !== root.principal.adminId) {
        await changeAdminRole({ db, principal: other.principal, adminId: root.principal.adminId, input: { role: 'system' } });
        await changeAdminRole({ db, principal: root.principal, adminId: other.principal.adminId, input: { role: 'tenant', tenantId: w.acme.id } });
      }
      await removeAdmin({ db, principal: root.principal, adminId: other.principal.adminId });
    });
  });

  describe('remove', () => {
    it('removes an admin in scope: its sessions end at once and the username is free again', async () => {
      const target = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.mobile] }, { username: 'leaving' });
      expect(await resolveAdminSession({ db, token: target.sessionToken })).toBeDefined();
      await expect(removeAdmin({ db, principal: webAdmin.principal, adminId: target.principal.adminId })).rejects.toMatchObject({ code: 'admin.not_found' });
      await expect(removeAdmin({ db, principal: globexAdmin.principal, adminId: target.principal.adminId })).rejects.toMatchObject({ code: 'admin.not_found' });
      expect(await adminRow(target.principal.adminId)).not.toBeNull();

      await removeAdmin({ db, principal: webMobileAdmin.principal, adminId: target.principal.adminId });
      expect(await resolveAdminSession({ db, token: target.sessionToken })).toBeUndefined();
      expect(await adminRow(target.principal.adminId)).toBeNull();
      expect(await db.passkey.count({ where: { userId: target.principal.userId } })).toBe(0);
      expect(await db.auditEvent.findFirst({ where: { type: 'admin.removed', subject: target.principal.adminId } })).toMatchObject({ actor: `admin:${webMobileAdmin.principal.adminId}`, detail: { username: 'leaving', role: 'community', sessionsEnded: 1 } });
      await expect(removeAdmin({ db, principal: root.principal, adminId: target.principal.adminId })).rejects.toMatchObject({ code: 'admin.not_found' });
      await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.mobile] }, { username: 'leaving' });
    });

    it('never removes the last system admin (itself included)', async () => {
      await expect(removeAdmin({ db, principal: root.principal, adminId: root.principal.adminId })).rejects.toMatchObject({ code: 'admin.last_system_admin' });
      expect(await adminRow(root.principal.adminId)).not.toBeNull();
    });

    it('lets an admin remove itself', async () => {
      const self = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.globex.id, communityIds: [] });
      await removeAdmin({ db, principal: self.principal, adminId: self.principal.adminId });
      expect(await resolveAdminSession({ db, token: self.sessionToken })).toBeUndefined();
    });
  });

  describe('scope options', () => {
    it('offers each admin the tenants and communities it administers', async () => {
      const sys = await listScopeOptions({ db, principal: root.principal });
      expect(sys.tenants.map((t) => t.name)).toEqual(['Acme', 'Default', 'Globex']);
      expect(sys.tenants.find((t) => t.name === 'Default')?.communities.map((c) => c.name)).toEqual(['Default']);
      expect(await listScopeOptions({ db, principal: acmeAdmin.principal })).toEqual({
        tenants: [{ id: w.acme.id, name: 'Acme', manageable: true, communities: [{ id: w.acme.mobile, name: 'Mobile' }, { id: w.acme.web, name: 'Web' }] }],
      });
      expect(await listScopeOptions({ db, principal: webAdmin.principal })).toEqual({ tenants: [{ id: w.acme.id, name: 'Acme', manageable: false, communities: [{ id: w.acme.web, name: 'Web' }] }] });
    });
  });
});
