import crypto from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { toCreationResult, toTxComplete } from '../../e2e/support/fido2-client';
import { createApplication } from '../applications/create-application';
import type { TApplicationDto } from '../applications/application';
import type { TDb } from '../db';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import { authenticateFido2User } from '../fido2-api/authenticate';
import { regComplete, regInit } from '../fido2-api/registration';
import { hostedTxComplete, hostedTxView, txComplete, txInit } from '../fido2-api/transactions';
import { createCommunity } from '../tenancy/create-community';
import { createTenant } from '../tenancy/create-tenant';
import { verifyJwtAccess } from '../tokens/jwt-access';
import { getConfirmation } from './get-confirmation';
import { getTransaction } from './get-transaction';
import { listTransactions } from './list-transactions';
import { TX_TTL_MS, transactionCommitment } from './transaction';

const SERVICE = 'https://id.example.com';
const LOGIN = 'https://login.acme.example';
const SHOP = 'https://shop.acme.example';
const kek = Buffer.alloc(32, 7);

describe.each(TEST_PROVIDERS)('transaction confirmation on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  let otherCommunityId: string;
  let shop: TApplicationDto;
  let foreign: TApplicationDto;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const tenant = await createTenant({ db, input: { name: 'Acme' }, actor: 'test' });
    const make = (name: string) => createCommunity({ db, input: { tenantId: tenant.id, name, rpId: 'acme.example', origins: [LOGIN] }, actor: 'test' });
    communityId = (await make('Customers')).id;
    otherCommunityId = (await make('Partners')).id;
    shop = await createApplication({ db, input: { communityId, name: 'Shop', origins: [SHOP] }, actor: 'test' });
    foreign = await createApplication({ db, input: { communityId: otherCommunityId, name: 'Partner shop', origins: [SHOP] }, actor: 'test' });
  });
  afterAll(async () => close());

  let n = 0;
  async function signUp(app: TApplicationDto = shop) {
    const auth = createSoftAuthenticator();
    const username = `payer${++n}`;
    const init = await regInit({ db, body: { app: { id: app.id }, deviceInfo: {}, user: { username } }, browserOrigin: SHOP });
    const done = await regComplete({ db, kek, origin: SERVICE, body: { creationResult: toCreationResult(auth.register(init.registrationRequestOptions, { origin: SHOP })), session: init.session }, browserOrigin: SHOP });
    return { auth, username, ...done };
  }

  const PAYLOAD = JSON.stringify({ to: 'DE89 3704 0044 0532 0130 00', amount: '250.00', currency: 'EUR' });
  const start = (username: string, over: Record<string, unknown> = {}, app: TApplicationDto = shop) =>
    txInit({ db, origin: SERVICE, body: { username, txType: 'payment', txPayload: PAYLOAD, nonce: `client-nonce-${n}`, app: { id: app.id }, ...over }, browserOrigin: SHOP });
  const complete = (auth: TSoftAuthenticator, started: { assertionOptions: Parameters<TSoftAuthenticator['authenticate']>[0]; session: string }, over: Parameters<TSoftAuthenticator['authenticate']>[1] = { origin: SHOP }, encoding: 'base64' | 'base64url' = 'base64url') =>
    txComplete({ db, kek, origin: SERVICE, body: toTxComplete(auth.authenticate(started.assertionOptions, over), started.session, encoding), browserOrigin: SHOP });

  async function snapshot(txId: string) {
    const [tx, passkeys] = await Promise.all([db.transactionConfirmation.findUnique({ where: { id: txId } }), db.passkey.findMany({ where: { communityId }, select: { id: true, signCount: true }, orderBy: { id: 'asc' } })]);
    return { tx, passkeys };
  }

  it('commits the challenge to payload, client nonce and server nonce, and stores a pending transaction', async () => {
    const payer = await signUp();
    const started = await start(payer.username);
    expect(Object.keys(started).sort()).toEqual(['assertionOptions', 'confirmationUrl', 'session', 'txId']);
    expect(started.txId).toMatch(/^[0-9a-f-]{36}$/);
    expect(started.session).toMatch(new RegExp(`^${started.txId}\\.[\\w-]{43}$`));
    expect(started.confirmationUrl).toBe(`${SERVICE}/c/${communityId}/tx/${started.txId}#session=${started.session}`);
    expect(started.assertionOptions).toMatchObject({ rpId: 'acme.example', allowCredentials: [] });
    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } });
    expect(row).toMatchObject({ communityId, applicationId: shop.id, userId: payer.userId, txType: 'payment', txPayload: PAYLOAD, nonce: `client-nonce-${n}`, status: 'pending', passkeyId: null });
    expect(row.lNonce).toMatch(/^[\w-]{43}$/);
    expect(row.txHash).toBe(crypto.createHash('sha256').update(PAYLOAD + row.nonce + row.lNonce).digest('base64url'));
    expect(started.assertionOptions.challenge).toBe(row.txHash);
    expect(row.sessionHash).toBe(crypto.createHash('sha256').update(started.session).digest('hex'));
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBe(TX_TTL_MS);
    expect(await db.auditEvent.count({ where: { type: 'transactions.created', subject: row.id } })).toBe(1);
    expect(transactionCommitment(PAYLOAD, row.nonce, row.lNonce).toString('base64url')).toBe(row.txHash);
  });

  it('confirms with the user’s passkey: evidence stored, token with txHash, nonce and lNonce', async () => {
    const payer = await signUp();
    const started = await start(payer.username);
    const done = await complete(payer.auth, started, { origin: SHOP }, 'base64');
    expect(done).toEqual({ authCred: expect.objectContaining({ id: payer.passkeyId, credentialId: payer.auth.credentials[0]!.id }), credentialId: payer.passkeyId, token: expect.any(String) });
    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } });
    expect(row).toMatchObject({ status: 'confirmed', passkeyId: payer.passkeyId, completedAt: expect.any(Date) });
    expect(row.assertion).toEqual({ authenticatorData: expect.any(String), clientData: expect.any(String), keyHandle: Buffer.from(payer.auth.credentials[0]!.id, 'base64url').toString('base64'), signature: expect.any(String) });
    expect(row.result).toMatchObject({ verified: true, passkeyId: payer.passkeyId, userVerified: true });
    // The evidence verifies on its own: the signed client data carries the commitment.
    const clientData = JSON.parse(Buffer.from(String((row.assertion as Record<string, unknown>).clientData), 'base64').toString());
    expect(clientData).toMatchObject({ type: 'webauthn.get', challenge: row.txHash, origin: SHOP });
    const claims = await verifyJwtAccess({ db, token: done.token, origin: SERVICE, appId: shop.id });
    expect(claims).toMatchObject({ sub: payer.userId, scopes: [] });
    expect(claims.raw).toMatchObject({ txHash: row.txHash, nonce: row.nonce, lNonce: row.lNonce, txId: row.id, txType: 'payment', credID: payer.auth.credentials[0]!.id });
    expect(decodeJwt(done.token).txHash).toBe(crypto.createHash('sha256').update(PAYLOAD + row.nonce + row.lNonce).digest('base64url'));
    expect(await db.auditEvent.count({ where: { type: 'transactions.confirmed', subject: row.id } })).toBe(1);
  });

  it('refuses a signature over a tampered payload or nonce, marking the transaction failed with the evidence', async () => {
    const payer = await signUp();
    for (const tamper of ['payload', 'nonce'] as const) {
      const started = await start(payer.username);
      const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } });
      const forged = tamper === 'payload' ? transactionCommitment(PAYLOAD.replace('250.00', '9250.00'), row.nonce, row.lNonce) : transactionCommitment(PAYLOAD, 'attacker-nonce', row.lNonce);
      const counters = (await snapshot(started.txId)).passkeys;
      await expect(complete(payer.auth, started, { origin: SHOP, challenge: forged.toString('base64url') })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
      const after = await snapshot(started.txId);
      expect(after.passkeys).toEqual(counters);
      expect(after.tx).toMatchObject({ status: 'failed', passkeyId: null, result: { verified: false, code: 'passkeys.verification_failed' }, assertion: expect.objectContaining({ keyHandle: payer.auth.credentials[0]!.id }) });
      // Failed is final: the honest answer comes too late.
      await expect(complete(payer.auth, started)).rejects.toMatchObject({ code: 'transactions.not_pending' });
      expect(await db.auditEvent.count({ where: { type: 'transactions.failed', subject: started.txId } })).toBe(1);
    }
  });

  it('refuses a replay of a confirmed transaction and a session of another transaction, changing nothing', async () => {
    const payer = await signUp();
    const started = await start(payer.username);
    const body = toTxComplete(payer.auth.authenticate(started.assertionOptions, { origin: SHOP }), started.session);
    await txComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP });
    const before = await snapshot(started.txId);
    await expect(txComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP })).rejects.toMatchObject({ code: 'transactions.not_pending', status: 400 });
    expect(await snapshot(started.txId)).toEqual(before);
    // Somebody who knows a transaction id but not its session can neither answer nor spoil it.
    const victim = await start(payer.username);
    const other = await start(payer.username);
    const pending = await snapshot(victim.txId);
    const guess = { ...toTxComplete(payer.auth.authenticate(victim.assertionOptions, { origin: SHOP }), `${victim.txId}.${other.session.split('.')[1]}`) };
    await expect(txComplete({ db, kek, origin: SERVICE, body: guess, browserOrigin: SHOP })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    await expect(txComplete({ db, kek, origin: SERVICE, body: { ...guess, session: other.session }, browserOrigin: SHOP })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    expect(await snapshot(victim.txId)).toEqual(pending);
    await expect(complete(payer.auth, victim)).resolves.toMatchObject({ credentialId: payer.passkeyId });
  });

  it('refuses another account’s passkey as transactions.wrong_account, and another community’s as unknown', async () => {
    const payer = await signUp();
    const intruder = await signUp();
    const started = await start(payer.username);
    await expect(complete(intruder.auth, started)).rejects.toMatchObject({ code: 'transactions.wrong_account', status: 403 });
    expect(await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } })).toMatchObject({ status: 'failed', result: { code: 'transactions.wrong_account' } });
    const outsider = await signUp(foreign);
    const again = await start(payer.username);
    await expect(complete(outsider.auth, again)).rejects.toMatchObject({ code: 'passkeys.unknown_credential' });
  });

  it('refuses an expired transaction and an assertion for another origin', async () => {
    const payer = await signUp();
    const started = await start(payer.username);
    const body = toTxComplete(payer.auth.authenticate(started.assertionOptions, { origin: SHOP }), started.session);
    await expect(txComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP, now: new Date(Date.now() + TX_TTL_MS + 1000) })).rejects.toMatchObject({ code: 'passkeys.challenge_expired' });
    expect(await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } })).toMatchObject({ status: 'failed', result: { code: 'passkeys.challenge_expired' } });
    const second = await start(payer.username);
    await expect(complete(payer.auth, second, { origin: LOGIN })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    const third = await start(payer.username);
    await expect(txComplete({ db, kek, origin: SERVICE, body: toTxComplete(payer.auth.authenticate(third.assertionOptions, { origin: SHOP }), third.session), browserOrigin: 'https://evil.example' })).rejects.toMatchObject({ code: 'fido2.origin_not_allowed' });
    expect((await db.transactionConfirmation.findUniqueOrThrow({ where: { id: third.txId } })).status).toBe('pending');
  });

  it('names the application by app.id or the Bearer token; refuses unknown users, other tokens and bad input', async () => {
    const payer = await signUp();
    const caller = await authenticateFido2User({ db, authorization: `Bearer ${payer.jwtAccess}`, origin: SERVICE, scopes: [] });
    const byToken = await txInit({ db, origin: SERVICE, body: { username: payer.username.toUpperCase(), txType: 'raw', txPayload: 'hello', nonce: 'n' }, browserOrigin: SHOP, caller });
    expect((await db.transactionConfirmation.findUniqueOrThrow({ where: { id: byToken.txId } })).applicationId).toBe(shop.id);
    const count = await db.transactionConfirmation.count();
    const other = await signUp();
    await expect(txInit({ db, origin: SERVICE, body: { username: other.username, txType: 'raw', txPayload: 'x', nonce: 'n' }, browserOrigin: SHOP, caller })).rejects.toMatchObject({ code: 'auth.forbidden' });
    await expect(txInit({ db, origin: SERVICE, body: { username: payer.username, txType: 'raw', txPayload: 'x', nonce: 'n', app: { id: foreign.id } }, browserOrigin: SHOP, caller })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    await expect(txInit({ db, origin: SERVICE, body: { username: payer.username, txType: 'raw', txPayload: 'x', nonce: 'n' }, browserOrigin: SHOP })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { 'app.id': expect.any(String) } });
    const noPasskeys = await signUp();
    await db.passkey.deleteMany({ where: { userId: noPasskeys.userId } });
    for (const username of ['nobody', noPasskeys.username]) {
      await expect(start(username)).rejects.toMatchObject({ code: 'transactions.user_not_found', status: 404 });
    }
    // A user of another community is not found through this application.
    const outsider = await signUp(foreign);
    await expect(start(outsider.username)).rejects.toMatchObject({ code: 'transactions.user_not_found' });
    for (const over of [{ txType: '' }, { txPayload: '' }, { nonce: '' }, { txPayload: 'x'.repeat(32_769) }, { username: 'bad name!' }, { txType: 5 }]) {
      await expect(start(payer.username, over)).rejects.toMatchObject({ code: 'request.validation_failed' });
    }
    expect(await db.transactionConfirmation.count()).toBe(count);
    for (const body of [{}, { session: 'x'.repeat(16), authenticatorData: 'AA', clientData: 'AA', keyHandle: 'AA', signature: 'AA' }, { session: byToken.session, authenticatorData: '!', clientData: 'AA', keyHandle: 'AA', signature: 'AA' }]) {
      await expect(txComplete({ db, kek, origin: SERVICE, body, browserOrigin: SHOP })).rejects.toMatchObject({ code: 'request.validation_failed' });
    }
    expect((await db.transactionConfirmation.findUniqueOrThrow({ where: { id: byToken.txId } })).status).toBe('pending');
  });

  it('shows the hosted page the transaction only with its session, and completes it there on the community’s origin', async () => {
    const payer = await signUp();
    const started = await start(payer.username);
    const view = await hostedTxView({ db, communityId, txId: started.txId, body: { session: started.session } });
    expect(view).toEqual({
      id: started.txId,
      txType: 'payment',
      txPayload: PAYLOAD,
      application: { name: 'Shop', origins: [SHOP] },
      status: 'pending',
      expiresAt: expect.any(String),
      assertionOptions: { challenge: started.assertionOptions.challenge, rpId: 'acme.example', timeout: expect.any(Number), userVerification: 'preferred', allowCredentials: [] },
    });
    for (const [cid, session] of [
      [communityId, `${started.txId}.${'a'.repeat(43)}`],
      [otherCommunityId, started.session],
    ] as const) {
      await expect(hostedTxView({ db, communityId: cid, txId: started.txId, body: { session } })).rejects.toMatchObject({ code: 'transactions.not_found', status: 404 });
    }
    await expect(hostedTxView({ db, communityId, txId: started.txId, body: {} })).rejects.toMatchObject({ code: 'request.validation_failed' });
    const response = payer.auth.authenticate(view.assertionOptions!, { origin: LOGIN });
    const done = await hostedTxComplete({ db, kek, origin: SERVICE, communityId, txId: started.txId, body: { session: started.session, response } });
    expect(done).toMatchObject({ status: 'confirmed', credentialId: payer.passkeyId, token: expect.any(String) });
    expect(await hostedTxView({ db, communityId, txId: started.txId, body: { session: started.session } })).toMatchObject({ status: 'confirmed' });
    expect((await hostedTxView({ db, communityId, txId: started.txId, body: { session: started.session } })).assertionOptions).toBeUndefined();
    // The hosted page's origin is the community's, not the application's.
    const other = await start(payer.username);
    await expect(hostedTxComplete({ db, kek, origin: SERVICE, communityId, txId: other.txId, body: { session: other.session, response: payer.auth.authenticate(other.assertionOptions, { origin: SHOP }) } })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    expect((await getConfirmation({ db, communityId, txId: other.txId, session: other.session })).status).toBe('failed');
    const late = await start(payer.username);
    expect((await getConfirmation({ db, communityId, txId: late.txId, session: late.session, now: new Date(Date.now() + TX_TTL_MS + 1) })).status).toBe('expired');
  });

  describe('evidence for administrators', () => {
    it('lists and gets transactions within the scope’s communities only', async () => {
      const payer = await signUp();
      const outsider = await signUp(foreign);
      const mine = await start(payer.username);
      await complete(payer.auth, mine);
      const theirs = await start(outsider.username, {}, foreign);
      const scope = { communityIds: [communityId] };
      const listed = await listTransactions({ db, scope });
      expect(listed.items.map((t) => t.communityId).every((c) => c === communityId)).toBe(true);
      expect(listed.items.find((t) => t.id === mine.txId)).toMatchObject({ status: 'confirmed', application: { id: shop.id, name: 'Shop' }, assertion: expect.objectContaining({ keyHandle: expect.any(String) }) });
      expect(listed.items.some((t) => t.id === theirs.txId)).toBe(false);
      expect((await listTransactions({ db, scope, filters: { communityId: otherCommunityId } })).items).toEqual([]);
      expect((await listTransactions({ db, scope: { communityIds: [] } })).items).toEqual([]);
      expect((await listTransactions({ db, scope: { communityIds: 'all' }, filters: { communityId: otherCommunityId } })).items.map((t) => t.id)).toContain(theirs.txId);
      await expect(getTransaction({ db, scope, txId: theirs.txId })).rejects.toMatchObject({ code: 'transactions.not_found', status: 404 });
      expect(await getTransaction({ db, scope, txId: mine.txId })).toMatchObject({ id: mine.txId, status: 'confirmed', txPayload: PAYLOAD });
    });

    it('filters by status (expired derived) and user, and pages with a cursor', async () => {
      const payer = await signUp();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await start(payer.username)).txId);
      await db.transactionConfirmation.update({ where: { id: ids[0] }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const scope = { communityIds: 'all' as const };
      expect((await listTransactions({ db, scope, filters: { userId: payer.userId, status: 'expired' } })).items.map((t) => t.id)).toEqual([ids[0]]);
      expect((await listTransactions({ db, scope, filters: { userId: payer.userId, status: 'pending' } })).items.map((t) => t.id).sort()).toEqual([ids[1], ids[2]].sort());
      const first = await listTransactions({ db, scope, filters: { userId: payer.userId }, page: { limit: 2 } });
      expect(first.items).toHaveLength(2);
      const second = await listTransactions({ db, scope, filters: { userId: payer.userId }, page: { limit: 2, cursor: first.nextCursor! } });
      expect(second).toMatchObject({ nextCursor: null });
      expect([...first.items, ...second.items].map((t) => t.id).sort()).toEqual([...ids].sort());
      await expect(listTransactions({ db, scope, filters: { status: 'lost' } as never })).rejects.toMatchObject({ code: 'request.validation_failed' });
      await expect(listTransactions({ db, scope, page: { limit: 1000 } })).rejects.toMatchObject({ code: 'request.validation_failed' });
    });
  });
});
