import crypto from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TApplicationDto } from '../../lib/applications/application';
import { createDb, type TDb } from '../../lib/db';
import type { TErrorCode } from '../../lib/errors';
import { createFido2Client, toTxComplete, type TAnswer, type TTxInitAnswer } from '../support/fido2-client';
import { communityState, expectFido2Error, fido2World, registerUser, uniqueName } from '../support/fido2-fixtures';
import type { TSoftAuthenticator } from '../support/soft-authenticator';

/**
 * FIDO2 API 2.0 transaction confirmation (`/fido2/v2/tx/*`) and the hosted confirmation page's
 * endpoints over real HTTP: the signed challenge commits to payload, client nonce and server
 * nonce; evidence is kept; tampering, replays, foreign sessions and wrong accounts are refused.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const client = createFido2Client({ baseUrl, origin: baseUrl });

let db: TDb;
let world: Awaited<ReturnType<typeof fido2World>>;
let app: TApplicationDto;

beforeAll(async () => {
  db = createDb(databaseUrl);
  world = await fido2World(db, baseUrl);
  app = world.app;
});
afterAll(async () => {
  await db?.$disconnect();
});

const PAYLOAD = JSON.stringify({ merchant: 'Book shop', amount: '42.50', currency: 'EUR', items: ['A Study in Scarlet'] });
const sha256url = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('base64url');

async function refused(act: () => Promise<TAnswer<unknown>>, status: number, code: TErrorCode) {
  const before = await communityState(db, world.communityId);
  const res = await act();
  expectFido2Error(res, status, code);
  expect(await communityState(db, world.communityId)).toEqual(before);
  return res;
}

async function start(username: string, over: Record<string, unknown> = {}): Promise<TTxInitAnswer & { nonce: string }> {
  const nonce = crypto.randomUUID();
  const res = await client.txInit({ app: { id: app.id }, username, txType: 'payment', txPayload: PAYLOAD, nonce, ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...res.body, nonce: typeof over.nonce === 'string' ? over.nonce : nonce };
}

const sign = (auth: TSoftAuthenticator, started: TTxInitAnswer, over: Partial<Parameters<TSoftAuthenticator['authenticate']>[1]> = {}) =>
  toTxComplete(auth.authenticate(started.assertionOptions, { origin: baseUrl, ...over }), started.session);

describe('transaction confirmation', () => {
  it('confirms: the token carries txHash = base64url(sha256(txPayload + nonce + lNonce)), verifiable with the JWKS', async () => {
    const payer = await registerUser(client, app, baseUrl);
    const started = await start(payer.username);
    expect(Object.keys(started).sort()).toEqual(['assertionOptions', 'confirmationUrl', 'nonce', 'session', 'txId']);
    expect(started.assertionOptions).toMatchObject({ rpId: 'localhost', allowCredentials: [] });
    expect(started.confirmationUrl).toBe(`${baseUrl}/c/${world.communityId}/tx/${started.txId}#session=${started.session}`);
    const done = await client.txComplete(sign(payer.auth, started));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ authCred: expect.objectContaining({ id: payer.passkeyId, credentialId: payer.credential.id }), credentialId: payer.passkeyId, token: expect.any(String) });

    const jwks = (await client.jwks()).body;
    const { payload } = await jwtVerify(done.body.token, createLocalJWKSet(jwks as never), { algorithms: ['ES256'], audience: app.id, issuer: `${baseUrl}/c/${world.communityId}` });
    expect(payload).toMatchObject({ sub: payer.userId, nonce: started.nonce, txId: started.txId, txType: 'payment', scopes: [], tokenType: 'jwtAccess' });
    expect(payload.txHash).toBe(sha256url(PAYLOAD + started.nonce + String(payload.lNonce)));
    expect(payload.txHash).toBe(started.assertionOptions.challenge);

    const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } });
    expect(row).toMatchObject({ status: 'confirmed', passkeyId: payer.passkeyId, txPayload: PAYLOAD, nonce: started.nonce, txHash: payload.txHash, result: { verified: true } });
    // The evidence is what the client sent: its client data commits to the transaction.
    const evidence = row.assertion as Record<string, string>;
    expect(JSON.parse(Buffer.from(evidence.clientData!, 'base64url').toString())).toMatchObject({ type: 'webauthn.get', challenge: row.txHash, origin: baseUrl });
  });

  it('takes the application from the Bearer token when the body names none', async () => {
    const payer = await registerUser(client, app, baseUrl);
    const res = await client.txInit({ username: payer.username, txType: 'raw', txPayload: 'Sign the terms of 2026-11-30', nonce: 'n-1' }, { token: payer.jwtAccess });
    expect(res.status).toBe(200);
    expect((await db.transactionConfirmation.findUniqueOrThrow({ where: { id: res.body.txId } })).applicationId).toBe(app.id);
    await refused(() => client.txInit({ username: uniqueName(), txType: 'raw', txPayload: 'x', nonce: 'n' }, { token: payer.jwtAccess }), 403, 'auth.forbidden');
    await refused(() => client.txInit({ username: payer.username, txType: 'raw', txPayload: 'x', nonce: 'n' }), 400, 'request.validation_failed');
  });

  it('refuses a signature over a tampered payload or nonce and closes the transaction with the evidence', async () => {
    const payer = await registerUser(client, app, baseUrl);
    for (const tamper of ['payload', 'nonce']) {
      const started = await start(payer.username);
      const row = await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } });
      const challenge = tamper === 'payload' ? sha256url(PAYLOAD.replace('42.50', '4250.00') + row.nonce + row.lNonce) : sha256url(PAYLOAD + 'other-nonce' + row.lNonce);
      const counter = (await db.passkey.findUniqueOrThrow({ where: { id: payer.passkeyId } })).signCount;
      const res = await client.txComplete(sign(payer.auth, started, { challenge }));
      expectFido2Error(res, 400, 'passkeys.verification_failed');
      expect((await db.passkey.findUniqueOrThrow({ where: { id: payer.passkeyId } })).signCount).toBe(counter);
      expect(await db.transactionConfirmation.findUniqueOrThrow({ where: { id: started.txId } })).toMatchObject({ status: 'failed', passkeyId: null, result: { verified: false, code: 'passkeys.verification_failed' } });
      await refused(() => client.txComplete(sign(payer.auth, started)), 400, 'transactions.not_pending');
    }
  });

  it('refuses a replayed tx/complete, a session of another transaction, and a guessed session', async () => {
    const payer = await registerUser(client, app, baseUrl);
    const started = await start(payer.username);
    const body = sign(payer.auth, started);
    expect((await client.txComplete(body)).status).toBe(200);
    await refused(() => client.txComplete(body), 400, 'transactions.not_pending');
    const victim = await start(payer.username);
    await refused(() => client.txComplete({ ...sign(payer.auth, victim), session: `${victim.txId}.${'A'.repeat(43)}` }), 400, 'passkeys.challenge_invalid');
    await refused(() => client.txComplete({ ...sign(payer.auth, victim), session: `${crypto.randomUUID()}.${'A'.repeat(43)}` }), 400, 'passkeys.challenge_invalid');
    // The victim's transaction is untouched and still confirmable by its owner.
    expect((await client.txComplete(sign(payer.auth, victim))).status).toBe(200);
  });

  it('refuses another account’s passkey (403 transactions.wrong_account), another origin and another community’s passkey', async () => {
    const payer = await registerUser(client, app, baseUrl);
    const intruder = await registerUser(client, app, baseUrl);
    const a = await start(payer.username);
    expectFido2Error(await client.txComplete(sign(intruder.auth, a)), 403, 'transactions.wrong_account');
    expect((await db.transactionConfirmation.findUniqueOrThrow({ where: { id: a.txId } })).status).toBe('failed');
    const b = await start(payer.username);
    expectFido2Error(await client.txComplete(sign(payer.auth, b, { origin: 'https://evil.example' })), 400, 'passkeys.verification_failed');
    const outsider = await registerUser(client, world.foreign, baseUrl);
    const c = await start(payer.username);
    expectFido2Error(await client.txComplete(sign(outsider.auth, c)), 401, 'passkeys.unknown_credential');
    const d = await start(payer.username);
    await refused(() => client.txComplete(sign(payer.auth, d), { origin: 'https://evil.example' }), 403, 'fido2.origin_not_allowed');
  });

  it('refuses unknown users (404, nothing stored) and bad input (400)', async () => {
    const payer = await registerUser(client, app, baseUrl);
    const outsider = await registerUser(client, world.foreign, baseUrl);
    for (const username of [uniqueName('nobody'), outsider.username]) {
      await refused(() => client.txInit({ app: { id: app.id }, username, txType: 'raw', txPayload: 'x', nonce: 'n' }), 404, 'transactions.user_not_found');
    }
    for (const over of [{ txType: '' }, { txPayload: '' }, { nonce: 5 }, { txPayload: 'x'.repeat(32_769) }, { username: 'bad name!' }]) {
      await refused(() => client.txInit({ app: { id: app.id }, username: payer.username, txType: 'raw', txPayload: 'x', nonce: 'n', ...over }), 400, 'request.validation_failed');
    }
    await refused(() => client.txInit({ app: { id: 'nope' }, username: payer.username, txType: 'raw', txPayload: 'x', nonce: 'n' }), 404, 'applications.not_found');
    await refused(() => client.txComplete({ authenticatorData: 'AA', clientData: 'AA', keyHandle: 'AA', signature: '***', session: `${crypto.randomUUID()}.${'A'.repeat(43)}` }), 400, 'request.validation_failed');
  });
});

describe('the hosted confirmation page’s endpoints', () => {
  const hosted = (path: string, body: unknown, origin: string | null = baseUrl) =>
    fetch(`${baseUrl}/c/${world.communityId}/api/tx/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) }, body: JSON.stringify(body) });

  it('shows the transaction to the holder of its session only, and completes it on the community’s origin', async () => {
    const payer = await registerUser(client, app, baseUrl);
    const started = await start(payer.username);
    const view = await hosted(started.txId, { session: started.session });
    expect(view.status).toBe(200);
    const shown = (await view.json()) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: started.txId, txType: 'payment', txPayload: PAYLOAD, status: 'pending', application: { name: app.name, origins: [baseUrl] } });
    const wrong = await hosted(started.txId, { session: `${started.txId}.${'A'.repeat(43)}` });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ error: { code: 'transactions.not_found', message: 'Transaction not found.' } });
    // Hosted endpoints refuse other sites' pages (same-origin rule of the hosted pages).
    expect((await hosted(started.txId, { session: started.session }, 'https://evil.example')).status).toBe(403);
    const response = payer.auth.authenticate(shown.assertionOptions as never, { origin: baseUrl });
    const done = await hosted(`${started.txId}/complete`, { session: started.session, response });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'confirmed', credentialId: payer.passkeyId, token: expect.any(String) });
    expect(((await (await hosted(started.txId, { session: started.session })).json()) as { status: string }).status).toBe('confirmed');
  });
});
