import crypto from 'node:crypto';
import { expect } from 'vitest';
import { createApplication } from '../../lib/applications/create-application';
import { createApplicationKey } from '../../lib/applications/create-application-key';
import { loadKeyEncryptionKey } from '../../lib/crypto/kek';
import type { TDb } from '../../lib/db';
import { ERROR_CATALOG, type TErrorCode } from '../../lib/errors';
import { finishRegistration } from '../../lib/passkeys/finish-registration';
import { startRegistration } from '../../lib/passkeys/start-registration';
import { createCommunity } from '../../lib/tenancy/create-community';
import { ensureSigningKey } from '../../lib/tokens/signing-keys';
import { createSoftAuthenticator, type TSoftAuthenticatorOptions } from './soft-authenticator';

/**
 * Fixtures of the FIDO2 API 2.0 (`/fido2/v2`) API tests: applications with management keys made
 * directly in the server's database (as the CLI does), users with passkeys registered through
 * lib/passkeys with the software authenticator, and one HTTP helper with the `{msg, msgCode}`
 * error check. Test helpers, not tests.
 */

export type TFido2Answer = { status: number; headers: Headers; body: Record<string, unknown> | undefined };

export type TAuth = { bearer?: string; basic?: string; raw?: string };

export function createFido2Client(baseUrl: string) {
  return async function call(method: string, path: string, options: { json?: unknown; auth?: TAuth; headers?: Record<string, string> } = {}): Promise<TFido2Answer> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.auth?.bearer) headers.authorization = `Bearer ${options.auth.bearer}`;
    if (options.auth?.basic) headers.authorization = `Basic ${Buffer.from(`${options.auth.basic}:`).toString('base64')}`;
    if (options.auth?.raw) headers.authorization = options.auth.raw;
    if (options.json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/fido2/v2/${path}`, { method, headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
    const text = await res.text();
    let body: Record<string, unknown> | undefined;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      body = { text };
    }
    return { status: res.status, headers: res.headers, body };
  };
}

/** An answer in the 002 error format with exactly this status and code, not cached. */
export function expectFido2Error(res: TFido2Answer, status: number, code: TErrorCode): void {
  expect({ status: res.status, msgCode: res.body?.msgCode }).toEqual({ status, msgCode: code });
  expect(Object.keys(res.body ?? {}).sort()).toEqual(['msg', 'msgCode']);
  if (code !== 'request.validation_failed' && status < 500) expect(res.body?.msg).toBe(ERROR_CATALOG[code].message);
  expect(res.headers.get('cache-control')).toBe('no-store');
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
