import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError } from '../support/admin-expect';
import { createHostedClient, expectOk, type THostedClient } from '../support/hosted-client';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../support/soft-authenticator';
import type { TErrorCode } from '../../lib/errors';
import type { TAdminResponse } from '../support/admin-client';

/**
 * The Users page's endpoints over HTTP: list (search, community filter, paging), detail, disable
 * (the user's session ends and sign-in is refused) and enable, revoke a passkey, delete; bad
 * input; and outsiders (another tenant's or community's administrator: 404, nothing changed).
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
let n = 0;

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  ({ acme, globex, root, acmeAdmin, webAdmin, globexAdmin } = await kit.seedWorld());
});
afterAll(async () => kit?.close());

type TEndUser = { id: string; username: string; hosted: THostedClient; authenticator: TSoftAuthenticator; passkeyId: string };

/** An end user signed up the real way (hosted pages, software authenticator): signed in, one passkey. */
async function signUp(communityId: string, prefix = 'user'): Promise<TEndUser> {
  n += 1;
  const username = `${prefix}${n}-${Date.now().toString(36)}`;
  const hosted = createHostedClient({ baseUrl, communityId });
  const authenticator = createSoftAuthenticator();
  const { result } = await hosted.register(authenticator, { username, displayName: `Name ${username}` });
  const body = expectOk(result);
  return { id: body.user.id, username, hosted, authenticator, passkeyId: body.passkey.id };
}

/** Everything about one end user that a refused request must leave as it was. */
async function userState(userId: string) {
  const [user, passkeys, devices, sessions] = await Promise.all([
    kit.db.user.findUnique({ where: { id: userId } }),
    kit.db.passkey.findMany({ where: { userId }, select: { id: true, name: true, signCount: true }, orderBy: { id: 'asc' } }),
    kit.db.device.count({ where: { userId } }),
    kit.db.session.findMany({ where: { userId }, select: { id: true, revokedAt: true }, orderBy: { id: 'asc' } }),
  ]);
  return { user, passkeys, devices, sessions };
}

async function expectUserUnchanged(userId: string, act: () => Promise<TAdminResponse<unknown>>, status: number, code: TErrorCode) {
  const before = await userState(userId);
  expectAdminError(await act(), status, code);
  expect(await userState(userId)).toEqual(before);
}

const usernames = (page: { items: Array<{ username: string }> }) => page.items.map((u) => u.username);

describe('list and detail', () => {
  it('lists users of the communities in scope, filtered by community, searched and paged on the server', async () => {
    const web = await signUp(acme.communities.Web!, 'listweb');
    const mobile = await signUp(acme.communities.Mobile!, 'listmobile');
    const shop = await signUp(globex.communities.Shop!, 'listshop');
    expect(usernames(expectOk(await acmeAdmin.client.listUsers({ q: 'list', pageSize: 100 }))).sort()).toEqual([mobile.username, web.username].sort());
    expect(usernames(expectOk(await webAdmin.client.listUsers({ q: 'list' })))).toEqual([web.username]);
    expect(usernames(expectOk(await acmeAdmin.client.listUsers({ communityId: acme.communities.Mobile!, q: 'LIST' })))).toEqual([mobile.username]);
    expect(usernames(expectOk(await root.client.listUsers({ q: shop.username.toUpperCase() })))).toEqual([shop.username]);
    const page = expectOk(await acmeAdmin.client.listUsers({ q: web.username }));
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 25, pageCount: 1 });
    expect(page.items[0]).toMatchObject({ id: web.id, status: 'active', community: { id: acme.communities.Web, name: 'Web' }, passkeyCount: 1 });
  });

  it('shows a user with passkeys, devices and recent events', async () => {
    const u = await signUp(acme.communities.Web!, 'detail');
    expectOk((await u.hosted.signIn(u.authenticator)).result);
    const view = expectOk(await webAdmin.client.getUser(u.id));
    expect(view.user).toMatchObject({ id: u.id, username: u.username, displayName: `Name ${u.username}`, status: 'active', community: { id: acme.communities.Web, name: 'Web', tenant: { id: acme.id } } });
    expect(view.passkeys).toEqual([expect.objectContaining({ id: u.passkeyId, signCount: expect.any(Number), backupEligible: expect.any(Boolean), transports: expect.any(Array), lastUsedAt: expect.any(String) })]);
    expect(Array.isArray(view.devices)).toBe(true);
    expect(view.events.map((e) => e.type)).toEqual(expect.arrayContaining(['passkeys.signed_up', 'passkeys.authenticated']));
    expect(view.events.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(view)).not.toMatch(/publicKey|userHandle|tokenHash/);
  });

  it('refuses bad queries with the field', async () => {
    const pageSize = await root.client.listUsers({ pageSize: 7 });
    expectAdminError(pageSize, 400, 'request.validation_failed');
    expect(pageSize.body).toMatchObject({ error: { fields: { pageSize: expect.any(String) } } });
    expectAdminError(await root.client.listUsers({ sort: 'name' }), 400, 'request.validation_failed');
  });
});

describe('disable and enable', () => {
  it('disabling ends the live session at once and refuses sign-in; enabling allows it again', async () => {
    const u = await signUp(acme.communities.Web!, 'disable');
    expectOk(await u.hosted.listPasskeys());
    expect(expectOk(await webAdmin.client.setUserStatus(u.id, { status: 'disabled' }))).toEqual({ status: 'disabled', sessionsRevoked: 1 });
    expect((await u.hosted.listPasskeys()).status).toBe(401);
    const refused = await u.hosted.signIn(u.authenticator);
    expect(refused.result.status).toBe(403);
    expect(refused.result.body).toMatchObject({ error: { code: 'passkeys.user_disabled' } });
    expect(expectOk(await webAdmin.client.getUser(u.id)).user.status).toBe('disabled');
    expect(await kit.db.auditEvent.count({ where: { type: 'users.disabled', subject: u.id, actor: `admin:${webAdmin.admin.id}` } })).toBe(1);

    expect(expectOk(await acmeAdmin.client.setUserStatus(u.id, { status: 'active' }))).toEqual({ status: 'active', sessionsRevoked: 0 });
    expectOk((await u.hosted.signIn(u.authenticator)).result);
    expect(await kit.db.auditEvent.count({ where: { type: 'users.enabled', subject: u.id, actor: `admin:${acmeAdmin.admin.id}` } })).toBe(1);
  });

  it.each([[{}], [{ status: 'locked' }], [{ status: 'disabled', until: 'tomorrow' }], [[]]])('refuses %j with 400 and the field, changing nothing', async (input) => {
    const u = await signUp(acme.communities.Web!, 'badstatus');
    await expectUserUnchanged(u.id, () => webAdmin.client.setUserStatus(u.id, input), 400, 'request.validation_failed');
    expect((await webAdmin.client.setUserStatus(u.id, input)).body).toMatchObject({ error: { fields: expect.any(Object) } });
  });
});

describe('revoke a passkey and delete', () => {
  it('revokes one passkey: it no longer signs in', async () => {
    const u = await signUp(acme.communities.Web!, 'revoke');
    expect(expectOk(await webAdmin.client.revokeUserPasskey(u.id, u.passkeyId))).toEqual({ remaining: 0 });
    expect((await u.hosted.signIn(u.authenticator)).result.status).toBe(401);
    expect(await kit.db.auditEvent.count({ where: { type: 'passkeys.deleted', subject: u.passkeyId, actor: `admin:${webAdmin.admin.id}` } })).toBe(1);
    await expectUserUnchanged(u.id, () => webAdmin.client.revokeUserPasskey(u.id, u.passkeyId), 404, 'passkeys.not_found');
  });

  it('deletes the user with passkeys, devices and sessions', async () => {
    const u = await signUp(acme.communities.Mobile!, 'delete');
    expect(expectOk(await acmeAdmin.client.deleteUser(u.id))).toEqual({ removed: { passkeys: 1, devices: expect.any(Number), sessions: 1 } });
    expect(await userState(u.id)).toEqual({ user: null, passkeys: [], devices: 0, sessions: [] });
    expect(await kit.db.auditEvent.count({ where: { type: 'users.deleted', subject: u.id, actor: `admin:${acmeAdmin.admin.id}` } })).toBe(1);
    expectAdminError(await acmeAdmin.client.getUser(u.id), 404, 'users.not_found');
  });
});

describe('outsiders', () => {
  let mobileUser: TEndUser;
  let otherUser: TEndUser;
  beforeAll(async () => {
    mobileUser = await signUp(acme.communities.Mobile!, 'outsider');
    otherUser = await signUp(acme.communities.Mobile!, 'outsider');
  });

  it.each<[string, () => TSignedInAdmin]>([
    ['a sibling community’s admin', () => webAdmin],
    ['another tenant’s admin', () => globexAdmin],
  ])('%s gets 404 for every call and nothing changes', async (_, who) => {
    const c = () => who().client;
    await expectUserUnchanged(mobileUser.id, () => c().getUser(mobileUser.id), 404, 'users.not_found');
    await expectUserUnchanged(mobileUser.id, () => c().setUserStatus(mobileUser.id, { status: 'disabled' }), 404, 'users.not_found');
    await expectUserUnchanged(mobileUser.id, () => c().revokeUserPasskey(mobileUser.id, mobileUser.passkeyId), 404, 'users.not_found');
    await expectUserUnchanged(mobileUser.id, () => c().deleteUser(mobileUser.id), 404, 'users.not_found');
    await expectUserUnchanged(mobileUser.id, () => c().listUsers({ communityId: acme.communities.Mobile! }), 404, 'tenancy.community_not_found');
    expect(usernames(expectOk(await c().listUsers({ q: mobileUser.username })))).toEqual([]);
  });

  it("is 404 for another user's passkey, even in scope", async () => {
    await expectUserUnchanged(mobileUser.id, () => acmeAdmin.client.revokeUserPasskey(otherUser.id, mobileUser.passkeyId), 404, 'passkeys.not_found');
  });

  it('never reaches the console realm', async () => {
    const { userId } = await kit.db.admin.findUniqueOrThrow({ where: { id: root.admin.id }, select: { userId: true } });
    await expectUserUnchanged(userId, () => root.client.getUser(userId), 404, 'users.not_found');
    await expectUserUnchanged(userId, () => root.client.setUserStatus(userId, { status: 'disabled' }), 404, 'users.not_found');
    await expectUserUnchanged(userId, () => root.client.deleteUser(userId), 404, 'users.not_found');
  });
});
