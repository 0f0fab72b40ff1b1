import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { TApplicationDto } from '../../lib/applications/application';
import { createApplication } from '../../lib/applications/create-application';
import { createApplicationKey } from '../../lib/applications/create-application-key';
import { loadKeyEncryptionKey } from '../../lib/crypto/kek';
import type { TDb } from '../../lib/db';
import { ERROR_CATALOG, type TErrorCode } from '../../lib/errors';
import { fido2MsgCode } from '../../lib/http/formats';
import { finishRegistration } from '../../lib/passkeys/finish-registration';
import { startRegistration } from '../../lib/passkeys/start-registration';
import { createCommunity } from '../../lib/tenancy/create-community';
import { ensureSigningKey } from '../../lib/tokens/signing-keys';
import { createSoftAuthenticator, type TSoftAuthenticator, type TSoftAuthenticatorOptions } from './soft-authenticator';
import { createFido2Client, toCreationResult, type TFido2Client } from './fido2-client';

/**
 * Fixtures of the FIDO2 API 2.0 (`/fido2/v2`) API tests: applications with management keys made
 * directly in the server's database (as the CLI does), users with passkeys registered through
 * lib/passkeys with the software authenticator, and one HTTP helper with the `{msg, msgCode}`
 * error check. Test helpers, not tests.
 */

export type TFido2Answer = { status: number; headers: Headers; body: Record<string, unknown> | undefined };

export type TAuth = { bearer?: string; basic?: string; raw?: string };

/**
 * A caller of `/fido2/v2` for the OTP, profile and management tests: any method and path, with
 * Bearer, Basic (the key as user name) or a raw Authorization header; server-to-server (no Origin
 * unless given). Built on the typed test client's transport (fido2-client.ts).
 */
export function createFido2Caller(baseUrl: string) {
  const { call } = createFido2Client({ baseUrl, origin: null });
  return async (method: string, path: string, options: { json?: unknown; auth?: TAuth; headers?: Record<string, string> } = {}): Promise<TFido2Answer> => {
    const a = options.auth;
    const authorization = a?.raw ?? (a?.basic !== undefined ? `Basic ${Buffer.from(`${a.basic}:`).toString('base64')}` : a?.bearer !== undefined ? `Bearer ${a.bearer}` : undefined);
    const res = await call<Record<string, unknown>>(method, `/${path}`, options.json, { authorization, headers: options.headers });
    return { status: res.status, headers: res.headers, body: res.body as Record<string, unknown> | undefined };
  };
}

/**
 * A refusal in the 002 format: this status, `{msg, msgCode}` with the status's `msgCode` class
 * and the message of catalog code `code` (each catalog message is unique, so the message tells
 * which refusal it was; a validation error's message names the fields), JSON, not cached.
 */
export function expectFido2Error(res: { status: number; headers: Headers; body?: unknown }, status: number, code: TErrorCode): void {
  const body = res.body as { msg?: unknown; msgCode?: unknown } | undefined;
  expect({ status: res.status, msgCode: body?.msgCode }).toEqual({ status, msgCode: fido2MsgCode(status) });
  expect(Object.keys(body ?? {}).sort()).toEqual(['msg', 'msgCode']);
  if (status >= 500) expect(body?.msg).toBe('Something went wrong on our side.');
  else if (code === 'request.validation_failed') expect(String(body?.msg)).toMatch(/^Validation error/);
  else expect(body?.msg).toBe(ERROR_CATALOG[code].message);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

export function expectNoContent(res: TFido2Answer): void {
  expect({ status: res.status, body: res.body }).toEqual({ status: 204, body: undefined });
}

export function serverKek(dataDir: string): Buffer {
  return loadKeyEncryptionKey({ kekFromEnv: process.env.LATCHKEY_KEK ? Buffer.from(process.env.LATCHKEY_KEK, 'base64') : undefined, dataDir });
}

/** An application of `communityId` with a management key. */
export async function applicationWithKey(db: TDb, communityId: string, over: { allowSignUp?: boolean; name?: string } = {}) {
  const app = await createApplication({ db, input: { communityId, name: over.name ?? `App ${crypto.randomUUID()}`, allowSignUp: over.allowSignUp }, actor: 'test' });
  const { key, apiKey } = await createApplicationKey({ db, input: { applicationId: app.id }, actor: 'test' });
  return { app, key, apiKeyId: apiKey.id };
}

/** A second community on the same rpId/origin (another tenant's realm), with its signing key. */
export async function otherCommunity(db: TDb, kek: Buffer, tenantId: string, origin: string): Promise<string> {
  const c = await createCommunity({ db, input: { tenantId, name: `Other ${crypto.randomUUID()}`, rpId: 'localhost', origins: [origin] }, actor: 'test' });
  await ensureSigningKey(db, kek, c.id);
  return c.id;
}

export function uniqueUsername(prefix = 'f2'): string {
  return `${prefix}-${crypto.randomBytes(5).toString('hex')}`;
}

/** A user signed up with a passkey through lib/passkeys (the same core every dialect uses). */
export async function userWithPasskey(db: TDb, communityId: string, origin: string, authenticator: TSoftAuthenticatorOptions = {}) {
  const auth = createSoftAuthenticator(authenticator);
  const username = uniqueUsername();
  const { options } = await startRegistration({ db, communityId, signUp: { username, displayName: `User ${username}` } });
  const result = await finishRegistration({ db, communityId, response: auth.register(options, { origin }) });
  return { auth, username, user: result.user, passkey: result.passkey };
}

/** Polls until `check` returns a value (deliveries run after the answer). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const DEVICE = { clientName: 'Chrome', clientType: 'browser', clientVersion: '140.0.0.0', osName: 'Linux', osVersion: '6.1', screenWidth: 1280, screenHeight: 720 } as const;

export const uniqueName = (prefix = 'user') => `${prefix}-${crypto.randomBytes(5).toString('hex')}@example.com`;

/** The default community (rpId `localhost`, origin the server's) and a second community on the same rpId. */
export async function fido2World(db: TDb, baseUrl: string) {
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true, rpId: true } });
  expect(main.rpId).toBe('localhost');
  const tag = crypto.randomBytes(3).toString('hex');
  const app = await createApplication({ db, input: { communityId: main.id, name: `Shop ${tag}`, origins: [baseUrl] }, actor: 'test' });
  const closed = await createApplication({ db, input: { communityId: main.id, name: `Back office ${tag}`, origins: [baseUrl], allowSignUp: false }, actor: 'test' });
  const other = await createCommunity({ db, input: { tenantId: main.tenantId, name: `Partners ${tag}`, rpId: 'localhost', origins: [baseUrl] }, actor: 'test' });
  const foreign = await createApplication({ db, input: { communityId: other.id, name: `Partner shop ${tag}`, origins: [baseUrl] }, actor: 'test' });
  return { communityId: main.id, otherCommunityId: other.id, app, closed, foreign };
}

/** Signs a new user up through reg/init + reg/complete. */
export async function registerUser(client: TFido2Client, app: TApplicationDto, origin: string, over: { auth?: TSoftAuthenticator; username?: string } = {}) {
  const auth = over.auth ?? createSoftAuthenticator();
  const username = over.username ?? uniqueName();
  const init = await client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username, displayName: 'Ada Lovelace', usernameType: 'email' } });
  expect(init.status, JSON.stringify(init.body)).toBe(200);
  const credential = auth.register(init.body.registrationRequestOptions, { origin });
  const done = await client.regComplete({ creationResult: toCreationResult(credential), session: init.body.session });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return { auth, username, credential, ...done.body };
}

/** Everything a FIDO2 API call could change in a community. */
export async function communityState(db: TDb, communityId: string) {
  const [users, passkeys, devices, transactions, ceremonies] = await Promise.all([
    db.user.findMany({ where: { communityId }, select: { id: true, username: true, status: true }, orderBy: { id: 'asc' } }),
    db.passkey.findMany({ where: { communityId }, select: { id: true, name: true, signCount: true, lastUsedAt: true, deviceId: true }, orderBy: { id: 'asc' } }),
    db.device.findMany({ where: { communityId }, select: { id: true, info: true, lastSeenAt: true }, orderBy: { id: 'asc' } }),
    db.transactionConfirmation.findMany({ where: { communityId }, select: { id: true, status: true, passkeyId: true, result: true }, orderBy: { id: 'asc' } }),
    db.ceremony.count({ where: { communityId } }),
  ]);
  return { users, passkeys, devices, transactions, ceremonies };
}
