import crypto from 'node:crypto';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { z } from 'zod';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { findActiveApplication } from '../applications/find-application';
import type { TApplicationDto } from '../applications/application';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { ZAuthenticationResponse } from '../passkeys/response-schemas';
import { issueJwtAccess } from '../tokens/jwt-access';
import { completeTransaction, type TTransactionAssertion } from '../transactions/complete-transaction';
import { getConfirmation, type TConfirmationView } from '../transactions/get-confirmation';
import { startTransaction } from '../transactions/start-transaction';
import type { TFido2UserCaller } from './authenticate';
import { ZSessionField, ZTxCompleteBody, ZTxInitBody } from './bodies';
import { fido2PasskeysOf } from './passkeys';
import type { TFido2Passkey } from './passkey-dto';
import { resolveTarget } from './relying-party';
import { newSession, sessionBinding, sessionRef } from './session';

/** OpenAPI `TxInit`, plus `confirmationUrl` (a Latchkey addition: the hosted confirmation page). */
export type TTxInitAnswer = { assertionOptions: PublicKeyCredentialRequestOptionsJSON; session: string; txId: string; confirmationUrl: string };

/** OpenAPI `TxComplete`. */
export type TTxCompleteAnswer = { authCred?: TFido2Passkey; credentialId: string; token: string };

/** The hosted confirmation page of a transaction; the session travels in the fragment, which browsers never send to a server. */
export function confirmationUrl(origin: string, communityId: string, txId: string, session: string): string {
  return `${origin}/c/${encodeURIComponent(communityId)}/tx/${encodeURIComponent(txId)}#session=${session}`;
}

/**
 * `POST /fido2/v2/tx/init` body `{username, txType, txPayload, nonce}`: starts a transaction
 * confirmation (lib/transactions/start-transaction.ts). The OpenAPI body names no application:
 * it is the Bearer jwtAccess's (optional) or `app.id` (a Latchkey addition, as in the other init
 * calls); with both they must agree, and a token's user must be `username`.
 * @throws AppError `request.validation_failed`, `applications.not_found`, `fido2.origin_not_allowed`,
 *   `auth.unauthenticated`, `auth.forbidden`, `transactions.user_not_found`
 */
export async function txInit(options: { db: TDb; origin: string; body: unknown; browserOrigin: string | null; caller?: TFido2UserCaller; now?: Date }): Promise<TTxInitAnswer> {
  const { db, caller } = options;
  const body = parseInput(ZTxInitBody, options.body);
  const appId = body.app?.id ?? caller?.application.id;
  if (appId === undefined) throw new AppError('request.validation_failed', { fields: { 'app.id': 'required without a Bearer token' }, publicMessage: 'Validation error: app.id: required without a Bearer token' });
  const { app, rp } = await resolveTarget({ db, appId, browserOrigin: options.browserOrigin });
  if (caller && caller.application.id !== app.id) throw new AppError('auth.unauthenticated', { detail: `jwtAccess of application ${caller.application.id}, not ${app.id}` });
  if (caller && body.username.trim().normalize('NFKC').toLowerCase() !== caller.token.username) throw new AppError('auth.forbidden', { detail: 'username is not the token’s user' });
  const txId = crypto.randomUUID();
  const session = newSession(txId);
  const { transaction, assertionOptions } = await startTransaction({
    db,
    app,
    rp,
    input: { username: body.username, txType: body.txType, txPayload: body.txPayload, nonce: body.nonce },
    txId,
    session,
    binding: sessionBinding(app.id, session),
    actor: caller ? `user:${caller.token.sub}` : `application:${app.id}`,
    now: options.now,
  });
  return { assertionOptions, session, txId: transaction.id, confirmationUrl: confirmationUrl(options.origin, app.communityId, transaction.id, session) };
}

/** The token of a confirmed transaction: a jwtAccess without scopes, carrying what was signed (WIRE-NOTES §2). */
async function confirmationAnswer(options: {
  db: TDb;
  kek: Buffer;
  origin: string;
  app: TApplicationDto;
  done: Awaited<ReturnType<typeof completeTransaction>>;
  now?: Date;
}): Promise<TTxCompleteAnswer> {
  const { db, app, done } = options;
  const t = done.transaction;
  const token = await issueJwtAccess({
    db,
    kek: options.kek,
    origin: options.origin,
    app,
    user: done.user,
    credId: done.passkey.credentialId,
    scopes: [],
    extra: { txId: t.id, txType: t.txType, txHash: t.txHash, nonce: t.nonce, lNonce: t.lNonce },
    now: options.now,
  });
  const authCred = (await fido2PasskeysOf({ db, owner: { communityId: app.communityId, userId: done.user.id } })).find((p) => p.id === done.passkey.id);
  return { ...(authCred ? { authCred } : {}), credentialId: done.passkey.id, token };
}

/** The transaction a session names, for routing: its application. */
async function applicationOf(db: TDb, txId: string): Promise<string> {
  const tx = await db.transactionConfirmation.findUnique({ where: { id: txId }, select: { applicationId: true } });
  if (!tx) throw new AppError('passkeys.challenge_invalid', { detail: `no transaction ${txId}` });
  return tx.applicationId;
}

/**
 * `POST /fido2/v2/tx/complete` body `{authenticatorData, clientData, keyHandle, signature, session}`:
 * completes the transaction its session names (lib/transactions/complete-transaction.ts) and
 * returns the passkey used and a token with `txHash`, `nonce` and `lNonce`.
 * @throws AppError as completeTransaction, and `request.validation_failed`, `applications.not_found`,
 *   `fido2.origin_not_allowed`
 */
export async function txComplete(options: { db: TDb; kek: Buffer; origin: string; body: unknown; browserOrigin: string | null; meta?: TRequestMeta; now?: Date }): Promise<TTxCompleteAnswer> {
  const { db } = options;
  const body = parseInput(ZTxCompleteBody, options.body);
  const raw = options.body as Record<string, unknown>;
  const txId = sessionRef(body.session);
  const { app, rp } = await resolveTarget({ db, appId: await applicationOf(db, txId), browserOrigin: options.browserOrigin });
  const done = await completeTransaction({
    db,
    communityId: app.communityId,
    txId,
    session: body.session,
    binding: sessionBinding(app.id, body.session),
    rp,
    assertion: { credentialId: body.keyHandle, clientDataJSON: body.clientData, authenticatorData: body.authenticatorData, signature: body.signature },
    received: { authenticatorData: raw.authenticatorData, clientData: raw.clientData, keyHandle: raw.keyHandle, signature: raw.signature },
    meta: options.meta,
    now: options.now,
  });
  return confirmationAnswer({ db, kek: options.kek, origin: options.origin, app, done, now: options.now });
}

const ZHostedViewBody = z.object({ session: ZSessionField });
const ZHostedCompleteBody = z.object({ session: ZSessionField, response: z.object({}).loose() });

/**
 * `POST /c/{communityId}/api/tx/{txId}`: what the hosted confirmation page shows.
 * @throws AppError `request.validation_failed`, `transactions.not_found`
 */
export async function hostedTxView(options: { db: TDb; communityId: string; txId: string; body: unknown; now?: Date }): Promise<TConfirmationView> {
  const { session } = parseInput(ZHostedViewBody, options.body);
  return getConfirmation({ db: options.db, communityId: options.communityId, txId: options.txId, session, now: options.now });
}

/**
 * `POST /c/{communityId}/api/tx/{txId}/complete` body `{session, response}` (the browser's
 * assertion JSON): completes the transaction from the hosted page. The page runs on the
 * community's own origin, so the expected origins are the community's (not the application's).
 * @throws AppError as completeTransaction, and `request.validation_failed`, `transactions.not_found`
 */
export async function hostedTxComplete(options: { db: TDb; kek: Buffer; origin: string; communityId: string; txId: string; body: unknown; meta?: TRequestMeta; now?: Date }): Promise<TTxCompleteAnswer & { status: 'confirmed' }> {
  const { db, communityId } = options;
  const body = parseInput(ZHostedCompleteBody, options.body);
  const tx = await db.transactionConfirmation.findFirst({ where: { id: options.txId, communityId }, select: { applicationId: true } });
  if (!tx) throw new AppError('transactions.not_found', { detail: options.txId });
  const app = await findActiveApplication({ db, applicationId: tx.applicationId });
  const community = await db.community.findUniqueOrThrow({ where: { id: communityId }, select: { rpId: true, origins: true } });
  const response = parseInput(ZAuthenticationResponse, body.response);
  const assertion: TTransactionAssertion = {
    credentialId: response.id,
    clientDataJSON: response.response.clientDataJSON,
    authenticatorData: response.response.authenticatorData,
    signature: response.response.signature,
    ...(response.response.userHandle ? { userHandle: response.response.userHandle } : {}),
  };
  const done = await completeTransaction({
    db,
    communityId,
    txId: options.txId,
    session: body.session,
    binding: sessionBinding(app.id, body.session),
    rp: { rpId: community.rpId, origins: community.origins as string[] },
    assertion,
    received: body.response,
    meta: options.meta,
    now: options.now,
  });
  return { status: 'confirmed', ...(await confirmationAnswer({ db, kek: options.kek, origin: options.origin, app, done, now: options.now })) };
}
