import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { seedAdminWorld, worldPrincipals, type TAdminWorld } from '../admin/test-support';
import { adminTransactionQueryFromSearchParams } from './admin-transactions';
import { getTransactionEvidence } from './get-transaction-evidence';
import { listTransactionsInScope } from './list-transactions-in-scope';

const NOW = new Date('2026-11-30T12:00:00Z');

describe.each(TEST_PROVIDERS)('transactions in the admin console on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;
  let globexAdmin: TAdminPrincipal;
  const ids = {} as Record<'payment' | 'contract' | 'pending' | 'expired' | 'mobile' | 'globex', string>;

  async function seedTx(communityId: string, username: string, txType: string, status: string, minutesAgo: number, expired = false) {
    const app = (await db.application.findFirst({ where: { communityId } })) ?? (await db.application.create({ data: { communityId, name: `App of ${communityId.slice(0, 4)}` } }));
    const user = (await db.user.findFirst({ where: { communityId, username } })) ?? (await db.user.create({ data: { communityId, username, displayName: username, userHandle: crypto.randomUUID() } }));
    const passkey = await db.passkey.create({ data: { communityId, userId: user.id, credentialId: crypto.randomUUID(), publicKey: 'pk', alg: -7, name: `${username}'s key` } });
    const createdAt = new Date(NOW.getTime() - minutesAgo * 60_000);
    const row = await db.transactionConfirmation.create({
      data: {
        communityId,
        applicationId: app.id,
        userId: user.id,
        passkeyId: status === 'pending' ? null : passkey.id,
        txType,
        txPayload: `{"amount":${minutesAgo}}`,
        nonce: 'n1',
        lNonce: 'l1',
        txHash: 'h1',
        status,
        assertion: status === 'pending' ? {} : { id: passkey.credentialId, response: { signature: 'sig' } },
        result: status === 'confirmed' ? { verified: true } : status === 'failed' ? { verified: false, code: 'passkeys.verification_failed' } : {},
        createdAt,
        expiresAt: new Date((expired ? NOW.getTime() - 60_000 : NOW.getTime() + 600_000)),
        completedAt: status === 'pending' ? null : createdAt,
      },
    });
    return row.id;
  }

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    ({ system: root, web: webAdmin, globex: globexAdmin } = worldPrincipals(w));
    ids.payment = await seedTx(w.acme.web, 'alice', 'payment', 'confirmed', 5);
    ids.contract = await seedTx(w.acme.web, 'bob', 'contract', 'failed', 4);
    ids.pending = await seedTx(w.acme.web, 'alice', 'payment', 'pending', 3);
    ids.expired = await seedTx(w.acme.web, 'bob', 'payment', 'pending', 20, true);
    ids.mobile = await seedTx(w.acme.mobile, 'carol', 'payment', 'confirmed', 2);
    ids.globex = await seedTx(w.globex.shop, 'dave', 'transfer', 'confirmed', 1);
  });
  afterAll(() => close());

  const list = async (p: TAdminPrincipal, query: object = {}) => (await listTransactionsInScope({ db, principal: p, query, now: NOW })).items.map((t) => t.id);

  it('lists the transactions of the communities in scope, newest first, with status, user and application', async () => {
    expect(await list(root)).toEqual([ids.globex, ids.mobile, ids.pending, ids.contract, ids.payment, ids.expired]);
    expect(await list(webAdmin)).toEqual([ids.pending, ids.contract, ids.payment, ids.expired]);
    expect(await list(globexAdmin)).toEqual([ids.globex]);
    const page = await listTransactionsInScope({ db, principal: webAdmin, now: NOW });
    expect(page).toMatchObject({ total: 4, page: 1, pageCount: 1 });
    expect(page.items[0]).toEqual({ id: ids.pending, community: { id: w.acme.web, name: 'Web' }, application: { id: expect.any(String), name: expect.any(String) }, user: { id: expect.any(String), username: 'alice' }, txType: 'payment', status: 'pending', createdAt: expect.any(String), completedAt: null });
  });

  it('filters by community and status (expired is derived), and searches by txType or username', async () => {
    expect(await list(root, { communityId: w.acme.mobile })).toEqual([ids.mobile]);
    expect(await list(webAdmin, { communityId: w.acme.mobile })).toEqual([]);
    expect(await list(webAdmin, { status: 'pending' })).toEqual([ids.pending]);
    expect(await list(webAdmin, { status: 'expired' })).toEqual([ids.expired]);
    expect(await list(webAdmin, { status: 'failed' })).toEqual([ids.contract]);
    expect(await list(webAdmin, { q: 'contract' })).toEqual([ids.contract]);
    expect(await list(webAdmin, { q: 'Alice' })).toEqual([ids.pending, ids.payment]);
    expect(await list(webAdmin, { q: 'carol' })).toEqual([]);
    const paged = await listTransactionsInScope({ db, principal: root, query: { pageSize: 10, page: 5 }, now: NOW });
    expect(paged).toMatchObject({ page: 1, pageCount: 1, total: 6 });
  });

  it('rejects bad queries with request.validation_failed', async () => {
    await expect(listTransactionsInScope({ db, principal: root, query: { status: 'done' } as never })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { status: expect.any(String) } });
    await expect(listTransactionsInScope({ db, principal: root, query: { txHash: 'x' } as never })).rejects.toMatchObject({ code: 'request.validation_failed' });
    expect(adminTransactionQueryFromSearchParams({ status: 'done', communityId: 'c1', q: 'x' })).toEqual({ q: 'x', page: 1, pageSize: 25, status: undefined, communityId: 'c1' });
  });

  it('shows the evidence of a transaction in scope: payload, nonces, hash, assertion, result, passkey and user', async () => {
    const tx = await getTransactionEvidence({ db, principal: webAdmin, transactionId: ids.payment, now: NOW });
    expect(tx).toMatchObject({
      id: ids.payment,
      community: { id: w.acme.web, name: 'Web' },
      txType: 'payment',
      txPayload: '{"amount":5}',
      nonce: 'n1',
      lNonce: 'l1',
      txHash: 'h1',
      status: 'confirmed',
      assertion: { response: { signature: 'sig' } },
      result: { verified: true },
      user: { username: 'alice', displayName: 'alice' },
      passkey: { name: "alice's key", aaguid: expect.any(String) },
    });
    expect((await getTransactionEvidence({ db, principal: webAdmin, transactionId: ids.expired, now: NOW })).status).toBe('expired');
  });

  it('treats a transaction outside the scope as not found', async () => {
    for (const [p, id] of [[webAdmin, ids.mobile], [globexAdmin, ids.payment], [webAdmin, 'nope']] as const) {
      await expect(getTransactionEvidence({ db, principal: p, transactionId: id })).rejects.toMatchObject({ code: 'transactions.not_found', status: 404 });
    }
  });
});
