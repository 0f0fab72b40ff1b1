import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, type TAdminResponse, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';
import type { TErrorCode } from '../../lib/errors';

/**
 * The Licenses & API keys, Transactions and OTP outbox pages' endpoints over HTTP: create (the key
 * once), list, revoke; the read-only transaction evidence and outbox; bad input (400 with fields,
 * nothing made) and outsiders (wrong role 403, another tenant's or community's row 404, unchanged).
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
const seeded: Record<string, string> = {};

/** What a refused request must leave as it was: licenses, API keys and the audit trail. */
async function keysState() {
  const [licenses, apiKeys, audit] = await Promise.all([
    kit.db.license.findMany({ orderBy: { id: 'asc' } }),
    kit.db.apiKey.findMany({ orderBy: { id: 'asc' } }),
    kit.db.auditEvent.count({ where: { type: { startsWith: 'licenses.' } } }).then(async (l) => l + (await kit.db.auditEvent.count({ where: { type: { startsWith: 'apikeys.' } } }))),
  ]);
  return { licenses, apiKeys, audit };
}

async function expectRefused(act: () => Promise<TAdminResponse<unknown>>, status: number, code: TErrorCode): Promise<TAdminResponse<unknown>> {
  const before = await keysState();
  const res = await act();
  expectAdminError(res, status, code);
  expect(await keysState()).toEqual(before);
  return res;
}

async function seedActivity(communityId: string, username: string) {
  const user = await kit.db.user.create({ data: { communityId, username, displayName: username, userHandle: crypto.randomUUID() } });
  const app = await kit.db.application.create({ data: { communityId, name: `Payments ${username}` } });
  const passkey = await kit.db.passkey.create({ data: { communityId, userId: user.id, credentialId: crypto.randomUUID(), publicKey: 'pk', alg: -7, name: 'Phone' } });
  const tx = await kit.db.transactionConfirmation.create({
    data: { communityId, applicationId: app.id, userId: user.id, passkeyId: passkey.id, txType: `pay-${username}`, txPayload: '{"amount":"10.00"}', nonce: 'n', lNonce: 'l', txHash: 'h', status: 'confirmed', assertion: { id: passkey.credentialId }, result: { verified: true }, completedAt: new Date() },
  });
  const message = await kit.db.outboxMessage.create({ data: { communityId, channel: 'email', to: `${username}@example.com`, subject: 'Your sign-in code', body: 'Your sign-in code is 246810.', status: 'outbox' } });
  return { tx: tx.id, message: message.id };
}

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  ({ acme, globex, root, acmeAdmin, webAdmin, globexAdmin } = await kit.seedWorld());
  const web = await seedActivity(acme.communities.Web!, `alice${Date.now().toString(36)}`);
  const shop = await seedActivity(globex.communities.Shop!, `carol${Date.now().toString(36)}`);
  Object.assign(seeded, { webTx: web.tx, webMessage: web.message, shopTx: shop.tx, shopMessage: shop.message });
});
afterAll(async () => kit?.close());

describe('licenses', () => {
  it('creates a license (the key once), lists it in scope and revokes it', async () => {
    const res = await acmeAdmin.client.createLicense({ authLevel: 'app', communityIds: [acme.communities.Web], label: 'Checkout' });
    expect(res.status).toBe(201);
    const { license, key } = res.data;
    expect(key).toMatch(/^lk_[\w-]{43}$/);
    expect(license).toMatchObject({ tenant: { id: acme.id }, authLevel: 'app', communities: [{ id: acme.communities.Web, name: 'Web' }], label: 'Checkout', status: 'active', lastUsedAt: null });
    expect(JSON.stringify(expectOk(await acmeAdmin.client.listLicenses({ pageSize: 100 })))).not.toContain(key);
    expect(expectOk(await webAdmin.client.listLicenses({ q: 'checkout' })).items.map((l) => l.id)).toEqual([license.id]);
    expect(expectOk(await globexAdmin.client.listLicenses({ pageSize: 100 })).items.map((l) => l.id)).not.toContain(license.id);
    const revoked = expectOk(await webAdmin.client.revokeLicense(license.id)).license;
    expect(revoked).toMatchObject({ id: license.id, status: 'revoked', revokedAt: expect.any(String) });
    expect(await kit.db.auditEvent.count({ where: { type: 'licenses.revoked', subject: license.id, actor: `admin:${webAdmin.admin.id}` } })).toBe(1);
    expectAdminError(await acmeAdmin.client.listLicenses({ pageSize: 7 }), 400, 'request.validation_failed');
  });

  it('refuses bad input with 400 and fields, a system license to a tenant admin with 403, and creates nothing', async () => {
    const res = await expectRefused(() => acmeAdmin.client.createLicense({ authLevel: 'app', communityIds: [] }), 400, 'request.validation_failed');
    expect((res.body as { error: { fields: Record<string, string> } }).error.fields).toEqual({ communityIds: 'Choose at least one community.' });
    await expectRefused(() => acmeAdmin.client.createLicense({ authLevel: 'root', communityIds: [acme.communities.Web] }), 400, 'request.validation_failed');
    await expectRefused(() => acmeAdmin.client.createLicense({ authLevel: 'system', communityIds: [acme.communities.Web] }), 403, 'licenses.level_not_grantable');
    await expectRefused(() => webAdmin.client.createLicense({ authLevel: 'system', communityIds: [] }), 403, 'licenses.level_not_grantable');
  });

  it('treats another tenant\'s or community\'s communities and licenses as not found, and changes nothing', async () => {
    const both = expectOk(await acmeAdmin.client.createLicense({ authLevel: 'service', communityIds: [acme.communities.Web, acme.communities.Mobile] })).license;
    await expectRefused(() => globexAdmin.client.createLicense({ authLevel: 'app', communityIds: [acme.communities.Web] }), 404, 'tenancy.community_not_found');
    await expectRefused(() => webAdmin.client.createLicense({ authLevel: 'app', communityIds: [acme.communities.Mobile] }), 404, 'tenancy.community_not_found');
    await expectRefused(() => globexAdmin.client.revokeLicense(both.id), 404, 'licenses.not_found');
    await expectRefused(() => webAdmin.client.revokeLicense(both.id), 404, 'licenses.not_found');
    expect(expectOk(await root.client.listLicenses({ pageSize: 100 })).items.find((l) => l.id === both.id)).toMatchObject({ status: 'active' });
  });
});

describe('API keys', () => {
  it('creates a key for a community in scope (the key once), lists it and revokes it', async () => {
    const res = await webAdmin.client.createApiKey({ communityId: acme.communities.Web, allowedOrigins: [baseUrl], label: 'Site' });
    expect(res.status).toBe(201);
    const { apiKey, key } = res.data;
    expect(key).toMatch(/^lkk_/);
    expect(apiKey).toMatchObject({ community: { id: acme.communities.Web, name: 'Web' }, allowedOrigins: [baseUrl], label: 'Site', status: 'active' });
    expect(expectOk(await acmeAdmin.client.listApiKeys({ q: 'site' })).items.map((k) => k.id)).toEqual([apiKey.id]);
    expect(expectOk(await globexAdmin.client.listApiKeys({ pageSize: 100 })).items.map((k) => k.id)).not.toContain(apiKey.id);
    expect(expectOk(await acmeAdmin.client.revokeApiKey(apiKey.id)).apiKey).toMatchObject({ status: 'revoked' });
  });

  it('refuses bad input, foreign origins, other communities and keys outside the scope, changing nothing', async () => {
    const res = await expectRefused(() => acmeAdmin.client.createApiKey({ communityId: acme.communities.Web, allowedOrigins: [] }), 400, 'request.validation_failed');
    expect((res.body as { error: { fields: Record<string, string> } }).error.fields).toEqual({ allowedOrigins: 'Enter at least one allowed origin.' });
    await expectRefused(() => acmeAdmin.client.createApiKey({ communityId: acme.communities.Web, allowedOrigins: ['https://evil.test'] }), 400, 'apikeys.origin_not_in_community');
    await expectRefused(() => webAdmin.client.createApiKey({ communityId: acme.communities.Mobile, allowedOrigins: [baseUrl] }), 404, 'tenancy.community_not_found');
    await expectRefused(() => globexAdmin.client.createApiKey({ communityId: acme.communities.Web, allowedOrigins: [baseUrl] }), 404, 'tenancy.community_not_found');
    const mobile = expectOk(await acmeAdmin.client.createApiKey({ communityId: acme.communities.Mobile, allowedOrigins: [baseUrl] })).apiKey;
    await expectRefused(() => webAdmin.client.revokeApiKey(mobile.id), 404, 'apikeys.not_found');
    await expectRefused(() => globexAdmin.client.revokeApiKey(mobile.id), 404, 'apikeys.not_found');
  });
});

describe('transactions', () => {
  it('lists the transactions in scope with filters and shows the evidence', async () => {
    expect(expectOk(await webAdmin.client.listTransactions({ pageSize: 100 })).items.map((t) => t.id)).toEqual([seeded.webTx]);
    expect(expectOk(await root.client.listTransactions({ communityId: globex.communities.Shop!, status: 'confirmed' })).items.map((t) => t.id)).toEqual([seeded.shopTx]);
    expect(expectOk(await webAdmin.client.listTransactions({ communityId: globex.communities.Shop! })).items).toEqual([]);
    expect(expectOk(await acmeAdmin.client.listTransactions({ status: 'pending' })).items).toEqual([]);
    const { transaction } = expectOk(await webAdmin.client.getTransaction(seeded.webTx!));
    expect(transaction).toMatchObject({ id: seeded.webTx, txPayload: '{"amount":"10.00"}', nonce: 'n', lNonce: 'l', txHash: 'h', status: 'confirmed', result: { verified: true }, passkey: { name: 'Phone' }, user: { username: expect.stringMatching(/^alice/) } });
    expectAdminError(await webAdmin.client.listTransactions({ status: 'done' }), 400, 'request.validation_failed');
  });

  it('treats another tenant\'s transaction as not found', async () => {
    expectAdminError(await webAdmin.client.getTransaction(seeded.shopTx!), 404, 'transactions.not_found');
    expectAdminError(await acmeAdmin.client.getTransaction(seeded.shopTx!), 404, 'transactions.not_found');
  });
});

describe('OTP outbox', () => {
  it('lists the messages in scope without bodies, and shows one with its live code masked', async () => {
    const page = expectOk(await acmeAdmin.client.listOutbox({ channel: 'email' }));
    expect(page.items.map((m) => m.id)).toEqual([seeded.webMessage]);
    expect(JSON.stringify(page)).not.toContain('246810');
    expect(expectOk(await root.client.listOutbox({ q: 'carol', pageSize: 100 })).items.map((m) => m.id)).toEqual([seeded.shopMessage]);
    const { message } = expectOk(await webAdmin.client.getOutboxMessage(seeded.webMessage!));
    expect(message).toMatchObject({ body: 'Your sign-in code is ••••••.', codeMasked: true, status: 'outbox', subject: 'Your sign-in code' });
    expectAdminError(await webAdmin.client.listOutbox({ status: 'lost' }), 400, 'request.validation_failed');
  });

  it('treats another tenant\'s message as not found', async () => {
    expectAdminError(await webAdmin.client.getOutboxMessage(seeded.shopMessage!), 404, 'messaging.message_not_found');
    expectAdminError(await acmeAdmin.client.getOutboxMessage(seeded.shopMessage!), 404, 'messaging.message_not_found');
  });
});
