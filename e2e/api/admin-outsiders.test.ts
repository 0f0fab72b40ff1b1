import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, type TAdminClient, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectRefusedUnchanged } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';

/**
 * Every console endpoint that needs a session, called without one: 401 in the console's format,
 * nothing changed — with no cookie, a forged cookie, and the cookie of a signed-out session. (The
 * wrong-role and other-scope outsiders of each endpoint are in its feature's spec.)
 * Pages added later append their endpoints to ENDPOINTS.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

let kit: TAdminTestKit;
let root: TSignedInAdmin;
let ids: { admin: string; invitation: string; passkey: string };

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  root = await kit.signInAs('system');
  const target = await kit.signInAs('system');
  ids = {
    admin: target.admin.id,
    invitation: expectOk(await root.client.invite({ role: 'system', label: 'outsider target' })).invitation.id,
    passkey: expectOk(await root.client.listPasskeys()).passkeys[0]!.id,
  };
});
afterAll(async () => kit?.close());

type TCall = [string, (c: TAdminClient) => ReturnType<TAdminClient['request']>];
const ENDPOINTS: TCall[] = [
  ['GET session', (c) => c.session()],
  ['POST session/sign-out', (c) => c.signOut()],
  ['GET admins', (c) => c.listAdmins()],
  ['PATCH admins/{id}', (c) => c.changeRole(ids.admin, { role: 'tenant', tenantId: 'x' })],
  ['DELETE admins/{id}', (c) => c.removeAdmin(ids.admin)],
  ['GET invitations', (c) => c.listInvitations()],
  ['POST invitations', (c) => c.invite({ role: 'system' })],
  ['DELETE invitations/{id}', (c) => c.revokeInvitation(ids.invitation)],
  ['GET scope', (c) => c.scope()],
  ['GET account/passkeys', (c) => c.listPasskeys()],
  ['PATCH account/passkeys/{id}', (c) => c.renamePasskey(ids.passkey, 'pwned')],
  ['DELETE account/passkeys/{id}', (c) => c.deletePasskey(ids.passkey)],
  ['POST account/registration/options', (c) => c.addPasskeyOptions()],
  ['POST account/registration/verify', (c) => c.addPasskeyVerify({})],
  ['GET users', (c) => c.listUsers()],
  ['GET users/{id}', (c) => c.getUser('any-user')],
  ['PATCH users/{id}', (c) => c.setUserStatus('any-user', { status: 'disabled' })],
  ['DELETE users/{id}', (c) => c.deleteUser('any-user')],
  ['DELETE users/{id}/passkeys/{id}', (c) => c.revokeUserPasskey('any-user', ids.passkey)],
  ['GET licenses', (c) => c.listLicenses()],
  ['POST licenses', (c) => c.createLicense({ authLevel: 'system', communityIds: [] })],
  ['POST licenses/{id}/revoke', (c) => c.revokeLicense('x')],
  ['GET api-keys', (c) => c.listApiKeys()],
  ['POST api-keys', (c) => c.createApiKey({ communityId: 'x', allowedOrigins: ['https://x.example'] })],
  ['POST api-keys/{id}/revoke', (c) => c.revokeApiKey('x')],
  ['GET transactions', (c) => c.listTransactions()],
  ['GET transactions/{id}', (c) => c.getTransaction('x')],
  ['GET outbox', (c) => c.listOutbox()],
  ['GET outbox/{id}', (c) => c.getOutboxMessage('x')],
  ['GET tenants', (c) => c.listTenants()],
  ['POST tenants', (c) => c.createTenant({ name: 'pwned' })],
  ['PATCH tenants/{id}', (c) => c.renameTenant('any', { name: 'pwned' })],
  ['POST communities', (c) => c.createCommunity({ tenantId: 'any', name: 'pwned', rpId: 'example.com', origins: ['https://example.com'] })],
  ['GET communities/{id}', (c) => c.getCommunity('any')],
  ['PATCH communities/{id}', (c) => c.renameCommunity('any', { name: 'pwned' })],
  ['PUT communities/{id}/relying-party', (c) => c.updateRelyingParty('any', {})],
  ['PUT communities/{id}/branding', (c) => c.updateBranding('any', {})],
  ['GET applications', (c) => c.listApplications()],
  ['POST applications', (c) => c.createApplication({ communityId: 'any', name: 'pwned' })],
  ['GET applications/{id}', (c) => c.getApplication('any')],
  ['PATCH applications/{id}', (c) => c.updateApplication('any', { name: 'pwned' })],
  ['PUT applications/{id}/status', (c) => c.setApplicationStatus('any', 'disabled')],
  ['GET applications/{id}/keys', (c) => c.listApplicationKeys('any')],
  ['POST applications/{id}/keys', (c) => c.createApplicationKey('any', {})],
  ['DELETE applications/{id}/keys/{keyId}', (c) => c.revokeApplicationKey('any', 'any')],
  ['GET metadata/records', (c) => c.listMetadataRecords()],
  ['POST metadata/records', (c) => c.createMetadataRecord({ communityId: 'global', aaguid: '11111111-2222-4333-8444-555555555555', name: 'pwned' })],
  ['GET metadata/records/{id}', (c) => c.metadataRecord('x')],
  ['PATCH metadata/records/{id}', (c) => c.updateMetadataRecord('x', { disabled: true })],
  ['POST metadata/mds/preview', (c) => c.previewMds('a.b.c')],
  ['POST metadata/mds/apply', (c) => c.applyMds('a.b.c', 'a'.repeat(64))],
  ['GET metadata/policy/{id}', (c) => c.aaguidPolicy('x')],
  ['PUT metadata/policy/{id}', (c) => c.saveAaguidPolicy('x', { version: 0, registration: { mode: 'any', aaguids: [] }, authentication: { mode: 'any', aaguids: [] } })],
  ['GET audit', (c) => c.listAuditEvents()],
  ['GET audit/export', (c) => c.exportAudit({ format: 'csv' })],
  ['GET dashboard', (c) => c.dashboard()],
];

describe('no session', () => {
  it.each(ENDPOINTS)('%s without a cookie is 401 and changes nothing', async (_, call) => {
    await expectRefusedUnchanged(kit.db, () => call(kit.anonymous()), 401, 'auth.unauthenticated');
  });

  it.each(ENDPOINTS)('%s with a forged cookie is 401 and changes nothing', async (_, call) => {
    const forged = kit.anonymous();
    forged.jar.set(forged.sessionCookieName, root.client.sessionCookie()!.replace(/.{8}$/, 'AAAAAAAA'));
    await expectRefusedUnchanged(kit.db, () => call(forged), 401, 'auth.unauthenticated');
  });

  it('with the cookie of a signed-out session, every endpoint is 401 and nothing changes', async () => {
    const gone = await kit.signInAs('system');
    const cookie = gone.client.sessionCookie()!;
    expect((await gone.client.signOut()).status).toBe(200);
    const replay = kit.anonymous();
    replay.jar.set(replay.sessionCookieName, cookie);
    for (const [, call] of ENDPOINTS) await expectRefusedUnchanged(kit.db, () => call(replay), 401, 'auth.unauthenticated');
  });
});
