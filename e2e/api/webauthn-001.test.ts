import crypto from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApiKey } from '../../lib/apikeys/create-api-key';
import { revokeApiKey } from '../../lib/apikeys/revoke-api-key';
import { createMinimalApiClient, LatchkeyProblemError } from '../../lib/client';
import { createDb, type TDb } from '../../lib/db';
import { ERROR_CATALOG, type TErrorCode } from '../../lib/errors';
import { createSoftAuthenticator, type TSoftAuthenticator } from '../support/soft-authenticator';

/**
 * The spec 001 "minimal WebAuthn API" (`/webauthn/registration/*`, `/webauthn/authentication/*`)
 * over real HTTP against the production build. X-Api-Key names the community; the rpId is the
 * host of the request's Origin (WIRE-NOTES §4). Every refusal is checked for its status, its
 * RFC 9457 problem document and an unchanged database.
 *
 * A request without Origin is refused with 403 `auth.forbidden`, like an Origin the key does not
 * allow: without an Origin there is no relying party to act for.
 */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const PATHS = ['/webauthn/registration/request', '/webauthn/registration/response', '/webauthn/authentication/request', '/webauthn/authentication/response'] as const;

let db: TDb;
let communityId: string;
let key: string;

beforeAll(async () => {
  db = createDb(databaseUrl);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, rpId: true } });
  expect(main.rpId).toBe('localhost');
  communityId = main.id;
  ({ key } = await createApiKey({ db, input: { communityId, allowedOrigins: [baseUrl], label: 'api test' }, actor: 'test' }));
});
afterAll(async () => {
  await db?.$disconnect();
});

type TCall = { status: number; headers: Headers; body: Record<string, unknown> | undefined };

/** POSTs like a page on `origin` with `apiKey`; null drops the header; `raw` sends a body verbatim. */
async function call(
  path: (typeof PATHS)[number],
  json: unknown,
  options: { apiKey?: string | null; origin?: string | null; raw?: BodyInit; contentType?: string | null } = {},
): Promise<TCall> {
  const headers: Record<string, string> = {};
  const apiKey = options.apiKey === undefined ? key : options.apiKey;
  const origin = options.origin === undefined ? baseUrl : options.origin;
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
  if (apiKey !== null) headers['x-api-key'] = apiKey;
  if (origin !== null) headers.origin = origin;
  if (contentType !== null) headers['content-type'] = contentType;
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

function expectProblem(res: TCall, status: number, code: TErrorCode): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(Object.keys(res.body ?? {}).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
  expect(res.body).toMatchObject({ type: 'about:blank', status });
  if (code !== 'request.validation_failed') expect(res.body?.detail).toBe(ERROR_CATALOG[code].message);
}

async function state() {
  const [users, passkeys] = await Promise.all([
    db.user.findMany({ where: { communityId }, select: { id: true, username: true }, orderBy: { id: 'asc' } }),
    db.passkey.findMany({ where: { communityId }, select: { id: true, signCount: true, lastUsedAt: true }, orderBy: { id: 'asc' } }),
  ]);
  return { users, passkeys };
}

async function expectRefusedUnchanged(act: () => Promise<TCall>, status: number, code: TErrorCode): Promise<TCall> {
  const before = await state();
  const res = await act();
  expectProblem(res, status, code);
  expect(await state()).toEqual(before);
  return res;
}

const uniqueName = () => `user-${crypto.randomBytes(5).toString('hex')}@example.com`;

async function register(authenticator: TSoftAuthenticator = createSoftAuthenticator(), userName = uniqueName()) {
  const started = await call('/webauthn/registration/request', { userName, userDisplayName: 'Ada' });
  expect(started.status).toBe(200);
  const options = started.body?.publicKeyCredentialCreationOptions as PublicKeyCredentialCreationOptionsJSON;
  const credential: RegistrationResponseJSON = authenticator.register(options, { origin: baseUrl });
  return { authenticator, userName, started, options, session: String(started.body?.session), credential };
}

async function signIn(authenticator: TSoftAuthenticator, body: Record<string, unknown> = {}) {
  const started = await call('/webauthn/authentication/request', body);
  expect(started.status).toBe(200);
  const options = started.body?.publicKeyCredentialRequestOptions as PublicKeyCredentialRequestOptionsJSON;
  const assertion: AuthenticationResponseJSON = authenticator.authenticate(options, { origin: baseUrl });
  return { started, options, session: String(started.body?.session), assertion };
}

describe('registration and sign-in', () => {
  it('registers a new user and signs in usernameless and by name', async () => {
    const { authenticator, userName, started, options, session, credential } = await register();
    expect(Object.keys(started.body ?? {}).sort()).toEqual(['publicKeyCredentialCreationOptions', 'session']);
    expect(started.headers.get('cache-control')).toBe('no-store');
    expect(options.rp.id).toBe('localhost');
    expect(options.user).toMatchObject({ name: userName.toLowerCase(), displayName: 'Ada' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required' });

    const done = await call('/webauthn/registration/response', { session, publicKeyCredential: credential });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ verified: true, userId: expect.any(String) });
    const userId = String(done.body?.userId);
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { passkeys: true } });
    expect(user).toMatchObject({ communityId, username: userName.toLowerCase(), displayName: 'Ada' });
    expect(user.passkeys.map((p) => p.credentialId)).toEqual([credential.id]);

    const usernameless = await signIn(authenticator);
    expect(usernameless.options).toMatchObject({ rpId: 'localhost', allowCredentials: [] });
    const ok = await call('/webauthn/authentication/response', { session: usernameless.session, publicKeyCredential: usernameless.assertion });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ verified: true, userId });

    const named = await signIn(authenticator, { userName });
    expect(named.options.allowCredentials?.map((c) => c.id)).toEqual([credential.id]);
    expect((await call('/webauthn/authentication/response', { session: named.session, publicKeyCredential: named.assertion })).body).toEqual({ verified: true, userId });
    expect((await db.passkey.findFirstOrThrow({ where: { userId } })).lastUsedAt).not.toBeNull();
  });

  it('adds a second passkey to an existing user with its userId; a taken userName alone is refused', async () => {
    const first = await register();
    const { body } = await call('/webauthn/registration/response', { session: first.session, publicKeyCredential: first.credential });
    const userId = String(body?.userId);
    await expectRefusedUnchanged(() => call('/webauthn/registration/request', { userName: first.userName }), 409, 'passkeys.username_taken');
    await expectRefusedUnchanged(() => call('/webauthn/registration/request', { userName: uniqueName(), userId }), 400, 'request.validation_failed');
    const started = await call('/webauthn/registration/request', { userName: first.userName, userId });
    const options = started.body?.publicKeyCredentialCreationOptions as PublicKeyCredentialCreationOptionsJSON;
    expect(options.excludeCredentials?.map((c) => c.id)).toEqual([first.credential.id]);
    const credential = createSoftAuthenticator().register(options, { origin: baseUrl });
    expect((await call('/webauthn/registration/response', { session: String(started.body?.session), publicKeyCredential: credential })).body).toEqual({ verified: true, userId });
    expect(await db.passkey.count({ where: { userId } })).toBe(2);
  });
});

describe('CORS (customers call from their own pages)', () => {
  it.each(PATHS)('%s: answers the preflight without a key, and every answer is readable cross-origin', async (path) => {
    const preflight = await fetch(`${baseUrl}${path}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });
    expect(preflight.status).toBe(204);
    expect(Object.fromEntries([...preflight.headers].filter(([k]) => k.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'content-type, x-api-key',
      'access-control-expose-headers': 'content-type',
      'access-control-max-age': '600',
    });
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const refused = await call(path, {}, { apiKey: null });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('a successful answer carries the CORS headers too', async () => {
    const started = await call('/webauthn/authentication/request', {});
    expect(started.status).toBe(200);
    expect(started.headers.get('access-control-allow-origin')).toBe('*');
    expect(started.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('refusals (problem+json, nothing changed)', () => {
  it.each(PATHS)('%s: missing, unknown and revoked keys are 401', async (path) => {
    await expectRefusedUnchanged(() => call(path, { userName: uniqueName() }, { apiKey: null }), 401, 'auth.unauthenticated');
    await expectRefusedUnchanged(() => call(path, { userName: uniqueName() }, { apiKey: `${key}x` }), 401, 'auth.unauthenticated');
    const revoked = await createApiKey({ db, input: { communityId, allowedOrigins: [baseUrl] }, actor: 'test' });
    await revokeApiKey({ db, input: { id: revoked.apiKey.id }, actor: 'test' });
    await expectRefusedUnchanged(() => call(path, { userName: uniqueName() }, { apiKey: revoked.key }), 401, 'auth.unauthenticated');
    // Without a valid key nothing else is looked at: a missing Origin and a broken body are still 401.
    await expectRefusedUnchanged(() => call(path, undefined, { apiKey: null, origin: null, raw: '{"x":' }), 401, 'auth.unauthenticated');
  });

  it.each(PATHS)('%s: a missing Origin and origins the key does not allow are 403', async (path) => {
    const loopback = baseUrl.replace('localhost', '127.0.0.1');
    for (const origin of [null, 'null', 'https://evil.example', loopback, `${baseUrl}/path`]) {
      await expectRefusedUnchanged(() => call(path, { userName: uniqueName() }, { origin }), 403, 'auth.forbidden');
    }
  });

  it('a key revoked between request and response stops the ceremony', async () => {
    const made = await createApiKey({ db, input: { communityId, allowedOrigins: [baseUrl] }, actor: 'test' });
    const started = await call('/webauthn/registration/request', { userName: uniqueName() }, { apiKey: made.key });
    const credential = createSoftAuthenticator().register(started.body?.publicKeyCredentialCreationOptions as PublicKeyCredentialCreationOptionsJSON, { origin: baseUrl });
    await revokeApiKey({ db, input: { id: made.apiKey.id }, actor: 'test' });
    await expectRefusedUnchanged(() => call('/webauthn/registration/response', { session: started.body?.session, publicKeyCredential: credential }, { apiKey: made.key }), 401, 'auth.unauthenticated');
  });

  it('a replayed registration or authentication response is refused', async () => {
    const { authenticator, session, credential } = await register();
    expect((await call('/webauthn/registration/response', { session, publicKeyCredential: credential })).status).toBe(200);
    await expectRefusedUnchanged(() => call('/webauthn/registration/response', { session, publicKeyCredential: credential }), 400, 'passkeys.challenge_invalid');
    const login = await signIn(authenticator);
    const body = { session: login.session, publicKeyCredential: login.assertion };
    expect((await call('/webauthn/authentication/response', body)).status).toBe(200);
    await expectRefusedUnchanged(() => call('/webauthn/authentication/response', body), 400, 'passkeys.challenge_invalid');
  });

  it('the response call must carry the session of its request call, with the same key', async () => {
    const other = await createApiKey({ db, input: { communityId, allowedOrigins: [baseUrl] }, actor: 'test' });
    const a = await register();
    await expectRefusedUnchanged(() => call('/webauthn/registration/response', { session: 'not-the-session', publicKeyCredential: a.credential }), 400, 'passkeys.challenge_invalid');
    const b = await register();
    await expectRefusedUnchanged(() => call('/webauthn/registration/response', { session: b.session, publicKeyCredential: b.credential }, { apiKey: other.key }), 400, 'passkeys.challenge_invalid');
  });

  it('an assertion for another origin than the call is refused', async () => {
    const { authenticator, session, credential } = await register();
    await call('/webauthn/registration/response', { session, publicKeyCredential: credential });
    const started = await call('/webauthn/authentication/request', {});
    const assertion = authenticator.authenticate(started.body?.publicKeyCredentialRequestOptions as PublicKeyCredentialRequestOptionsJSON, { origin: 'https://evil.example', rpId: 'localhost' });
    await expectRefusedUnchanged(() => call('/webauthn/authentication/response', { session: started.body?.session, publicKeyCredential: assertion }), 400, 'passkeys.verification_failed');
  });

  it.each(PATHS)('%s: malformed JSON 400, wrong type 415, oversized 413, bad shapes 400; never 500', async (path) => {
    await expectRefusedUnchanged(() => call(path, undefined, { raw: '{"userName": ' }), 400, 'request.malformed_json');
    await expectRefusedUnchanged(() => call(path, undefined, { raw: '{"userName":"a"}', contentType: 'text/plain' }), 415, 'request.unsupported_media_type');
    await expectRefusedUnchanged(() => call(path, { userName: 'a', padding: 'x'.repeat(300 * 1024) }), 413, 'request.body_too_large');
    const shapes: unknown[] = [null, [], 'text', 42, { userName: ['a'] }, ...(path.endsWith('/response') ? [{ session: 5, publicKeyCredential: 'x' }] : [])];
    for (const body of shapes) {
      await expectRefusedUnchanged(() => call(path, body), 400, 'request.validation_failed');
    }
    if (path.endsWith('/response')) {
      const garbage = { id: 'AA', rawId: 'AA', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'AA', authenticatorData: 'AA', signature: 'AA' } };
      await expectRefusedUnchanged(() => call(path, { session: 's', publicKeyCredential: garbage }), 400, 'passkeys.verification_failed');
    }
  });
});

describe('through the typed client SDK (lib/client)', () => {
  it('registers and signs in with createMinimalApiClient, and turns a problem into a typed error', async () => {
    const client = createMinimalApiClient({ baseUrl, apiKey: key, origin: baseUrl });
    const authenticator = createSoftAuthenticator();
    const userName = uniqueName();
    const reg = await client.registrationRequest({ userName, userDisplayName: 'SDK user' });
    const registered = await client.registrationResponse({ session: reg.session, publicKeyCredential: authenticator.register(reg.publicKeyCredentialCreationOptions, { origin: baseUrl }) });
    expect(registered).toMatchObject({ verified: true, userId: expect.any(String) });
    const auth = await client.authenticationRequest({ userName });
    const signedIn = await client.authenticationResponse({ session: auth.session, publicKeyCredential: authenticator.authenticate(auth.publicKeyCredentialRequestOptions, { origin: baseUrl }) });
    expect(signedIn).toEqual({ verified: true, userId: registered.userId });

    const wrongKey = createMinimalApiClient({ baseUrl, apiKey: 'lkk_not-a-key', origin: baseUrl });
    const error = await wrongKey.authenticationRequest({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatchkeyProblemError);
    expect(error).toMatchObject({ status: 401, code: 'auth.unauthenticated' });
  });
});
