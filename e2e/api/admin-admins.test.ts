import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, nextAuthError, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError, expectRefusedUnchanged } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';
import type { TErrorCode } from '../../lib/errors';
import { createSoftAuthenticator } from '../support/soft-authenticator';

/**
 * The Admins page's endpoints over HTTP: list, invite, change role, remove, invitations, scope
 * options, and their outsider specs (another tenant's or community's administrator is not found,
 * a role above one's own is 403, and nothing changes).
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

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

const ids = (page: { items: Array<{ id: string }> }) => page.items.map((a) => a.id);

describe('list', () => {
  it('lists the administrators in scope, searched and paged on the server', async () => {
    const all = expectOk(await root.client.listAdmins({ pageSize: 100 }));
    expect(ids(all)).toEqual(expect.arrayContaining([root.admin.id, acmeAdmin.admin.id, webAdmin.admin.id, globexAdmin.admin.id]));
    const mine = expectOk(await acmeAdmin.client.listAdmins({ pageSize: 100 }));
    expect(ids(mine).sort()).toEqual([acmeAdmin.admin.id, webAdmin.admin.id].sort());
    expect(mine.items.find((a) => a.id === acmeAdmin.admin.id)).toMatchObject({ isYou: true, role: 'tenant', tenant: { id: acme.id }, passkeyCount: 1 });
    expect(ids(expectOk(await webAdmin.client.listAdmins()))).toEqual([webAdmin.admin.id]);
    expect(ids(expectOk(await root.client.listAdmins({ q: webAdmin.username.toUpperCase() })))).toEqual([webAdmin.admin.id]);
    const page = expectOk(await root.client.listAdmins({ pageSize: 10, page: 1 }));
    expect(page).toMatchObject({ page: 1, pageSize: 10, total: all.total });
    expectAdminError(await root.client.listAdmins({ pageSize: 7 }), 400, 'request.validation_failed');
    expectAdminError(await root.client.listAdmins({ sort: 'name' }), 400, 'request.validation_failed');
  });
});

describe('invite', () => {
  it('returns the setup link once; the invited administrator enrols into exactly that scope', async () => {
    const res = await acmeAdmin.client.invite({ role: 'community', communityIds: [acme.communities.Mobile], label: 'Mobile team' });
    expect(res.status).toBe(201);
    const { url, invitation } = res.data;
    expect(url).toMatch(new RegExp(`^${baseUrl}/admin/setup\\?token=[\\w-]{43}$`));
    expect(invitation).toMatchObject({ role: 'community', label: 'Mobile team', tenant: { id: acme.id }, communities: [{ id: acme.communities.Mobile, name: 'Mobile' }], createdBy: `admin:${acmeAdmin.admin.id}` });
    expect(JSON.stringify(expectOk(await acmeAdmin.client.listInvitations()))).not.toContain(new URL(url).searchParams.get('token'));

    const invited = kit.anonymous();
    expect(nextAuthError((await invited.enroll(url, createSoftAuthenticator(), { username: `mobile-${Date.now()}`, displayName: 'Mo' })).result)).toBeUndefined();
    expect(expectOk(await invited.session()).admin).toMatchObject({ role: 'community', tenantId: acme.id, communityIds: [acme.communities.Mobile] });
    expect(ids(expectOk(await invited.listAdmins()))).toHaveLength(1);
    expect(expectOk(await invited.scope())).toEqual({ tenants: [{ id: acme.id, name: expect.stringMatching(/^Acme/), manageable: false, communities: [{ id: acme.communities.Mobile, name: 'Mobile' }] }] });
  });

  it.each<[string, () => TSignedInAdmin, () => object, number, TErrorCode]>([
    ['a tenant admin inviting a system admin', () => acmeAdmin, () => ({ role: 'system' }), 403, 'admin.role_not_grantable'],
    ['a community admin inviting a tenant admin', () => webAdmin, () => ({ role: 'tenant', tenantId: acme.id }), 403, 'admin.role_not_grantable'],
    ['a tenant admin inviting into another tenant', () => acmeAdmin, () => ({ role: 'tenant', tenantId: globex.id }), 404, 'tenancy.tenant_not_found'],
    ['a tenant admin inviting into another tenant’s community', () => acmeAdmin, () => ({ role: 'community', communityIds: [globex.communities.Shop] }), 404, 'tenancy.community_not_found'],
    ['a community admin inviting into a sibling community', () => webAdmin, () => ({ role: 'community', communityIds: [acme.communities.Mobile] }), 404, 'tenancy.community_not_found'],
    ['a missing tenant', () => root, () => ({ role: 'tenant' }), 400, 'request.validation_failed'],
    ['an unknown field', () => root, () => ({ role: 'system', admin: true }), 400, 'request.validation_failed'],
  ])('refuses %s, creating nothing', async (_, who, input, status, code) => {
    await expectRefusedUnchanged(kit.db, () => who().client.invite(input()), status, code);
  });

  it('revokes a pending invitation; outsiders get 404', async () => {
    const { invitation, url } = expectOk(await webAdmin.client.invite({ role: 'community', communityIds: [acme.communities.Web] }));
    expect(expectOk(await acmeAdmin.client.listInvitations()).invitations.map((i) => i.id)).toContain(invitation.id);
    expect(expectOk(await globexAdmin.client.listInvitations()).invitations.map((i) => i.id)).not.toContain(invitation.id);
    await expectRefusedUnchanged(kit.db, () => globexAdmin.client.revokeInvitation(invitation.id), 404, 'admin.invitation_not_found');
    expect((await acmeAdmin.client.revokeInvitation(invitation.id)).status).toBe(204);
    const token = new URL(url).searchParams.get('token')!;
    expectAdminError(await kit.anonymous().setupOptions({ token, username: 'late', displayName: 'Late' }), 404, 'admin.setup_link_invalid');
    await expectRefusedUnchanged(kit.db, () => acmeAdmin.client.revokeInvitation(invitation.id), 404, 'admin.invitation_not_found');
  });
});

describe('change role', () => {
  it('changes role and scope; the administrator sees the change on its next request', async () => {
    const target = await kit.signInAs('community', { communityIds: [acme.communities.Web!] });
    const res = await acmeAdmin.client.changeRole(target.admin.id, { role: 'community', communityIds: [acme.communities.Web, acme.communities.Mobile] });
    expect(res.status).toBe(200);
    expect(res.data.admin.communities.map((c) => c.name).sort()).toEqual(['Mobile', 'Web']);
    expect(expectOk(await target.client.session()).admin.communityIds.sort()).toEqual([acme.communities.Web, acme.communities.Mobile].sort());
    expect(expectOk(await acmeAdmin.client.changeRole(target.admin.id, { role: 'tenant', tenantId: acme.id })).admin.role).toBe('tenant');
    expect(expectOk(await target.client.session()).admin).toMatchObject({ role: 'tenant', tenantId: acme.id, communityIds: [] });
  });

  it.each<[string, () => TSignedInAdmin, () => string, () => object, number, TErrorCode]>([
    ['another tenant’s admin', () => globexAdmin, () => webAdmin.admin.id, () => ({ role: 'community', communityIds: [acme.communities.Web] }), 404, 'admin.not_found'],
    ['an admin above one’s scope', () => webAdmin, () => acmeAdmin.admin.id, () => ({ role: 'community', communityIds: [acme.communities.Web] }), 404, 'admin.not_found'],
    ['the system admin, by a tenant admin', () => acmeAdmin, () => root.admin.id, () => ({ role: 'tenant', tenantId: acme.id }), 404, 'admin.not_found'],
    ['an unknown admin', () => root, () => 'no-such-admin', () => ({ role: 'system' }), 404, 'admin.not_found'],
    ['a raise above one’s own role', () => acmeAdmin, () => webAdmin.admin.id, () => ({ role: 'system' }), 403, 'admin.role_not_grantable'],
    ['a scope outside one’s own', () => acmeAdmin, () => webAdmin.admin.id, () => ({ role: 'community', communityIds: [globex.communities.Shop] }), 404, 'tenancy.community_not_found'],
    ['a bad body', () => root, () => webAdmin.admin.id, () => ({ role: 'community', communityIds: 'all' }), 400, 'request.validation_failed'],
  ])('refuses changing %s, and the row is unchanged', async (_, who, adminId, input, status, code) => {
    await expectRefusedUnchanged(kit.db, () => who().client.changeRole(adminId(), input()), status, code);
  });

  it('never demotes the last system admin', async () => {
    const systems = expectOk(await root.client.listAdmins({ pageSize: 100 })).items.filter((a) => a.role === 'system' && a.id !== root.admin.id);
    for (const s of systems) expect((await root.client.removeAdmin(s.id)).status).toBe(204);
    await expectRefusedUnchanged(kit.db, () => root.client.changeRole(root.admin.id, { role: 'tenant', tenantId: acme.id }), 409, 'admin.last_system_admin');
    await expectRefusedUnchanged(kit.db, () => root.client.removeAdmin(root.admin.id), 409, 'admin.last_system_admin');
  });
});

describe('remove', () => {
  it('removes an administrator in scope (its sessions end); outsiders get 404 and nothing changes', async () => {
    const target = await kit.signInAs('community', { communityIds: [acme.communities.Mobile!] });
    await expectRefusedUnchanged(kit.db, () => globexAdmin.client.removeAdmin(target.admin.id), 404, 'admin.not_found');
    await expectRefusedUnchanged(kit.db, () => webAdmin.client.removeAdmin(target.admin.id), 404, 'admin.not_found');
    expect((await target.client.session()).status).toBe(200);
    const res = await acmeAdmin.client.removeAdmin(target.admin.id);
    expect(res.status).toBe(204);
    expectAdminError(await target.client.session(), 401, 'auth.unauthenticated');
    await expectRefusedUnchanged(kit.db, () => acmeAdmin.client.removeAdmin(target.admin.id), 404, 'admin.not_found');
  });
});

describe('scope options', () => {
  it('offers each administrator what it administers', async () => {
    const sys = expectOk(await root.client.scope());
    expect(sys.tenants.map((t) => t.id)).toEqual(expect.arrayContaining([acme.id, globex.id]));
    expect(expectOk(await acmeAdmin.client.scope()).tenants).toEqual([expect.objectContaining({ id: acme.id, manageable: true, communities: [{ id: acme.communities.Mobile, name: 'Mobile' }, { id: acme.communities.Web, name: 'Web' }] })]);
    expect(expectOk(await webAdmin.client.scope()).tenants).toEqual([expect.objectContaining({ id: acme.id, manageable: false, communities: [{ id: acme.communities.Web, name: 'Web' }] })]);
  });
});
