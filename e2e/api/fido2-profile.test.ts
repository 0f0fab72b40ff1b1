import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type TDb } from '../../lib/db';
import { issueJwtAccess } from '../../lib/tokens/jwt-access';
import { codeIn } from '../support/mail-sink';
import { applicationWithKey, createFido2Caller, eventually, expectFido2Error, expectNoContent, otherCommunity, serverKek, userWithPasskey } from '../support/fido2-fixtures';

/**
 * The FIDO2 API 2.0 profile endpoints (`/fido2/v2/profile/...`) over real HTTP against the
 * production build. A user acts on their own profile with a jwtAccess holding `profile:write`
 * (obtained here through `mgmt/grant`); the application's back end may act on any user of its
 * community with its management key (the OpenAPI's apiKey scheme). Codes are read from the
 * database outbox, the default delivery of a server without SMTP or SMS webhook.
 */

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const databaseUrl = inject('databaseUrl');
const call = createFido2Caller(baseUrl);

let db: TDb;
let kek: Buffer;
let communityId: string;
let foreignCommunityId: string;
let mine: Awaited<ReturnType<typeof applicationWithKey>>;
let foreign: Awaited<ReturnType<typeof applicationWithKey>>;

beforeAll(async () => {
  db = createDb(databaseUrl);
  kek = serverKek(dataDir);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true } });
  communityId = main.id;
  foreignCommunityId = await otherCommunity(db, kek, main.tenantId, baseUrl);
  mine = await applicationWithKey(db, communityId);
  foreign = await applicationWithKey(db, foreignCommunityId);
});
afterAll(async () => {
  await db?.$disconnect();
});

async function grant(username: string, grants: string[], key = mine.key): Promise<string> {
  const res = await call('POST', 'mgmt/grant', { auth: { basic: key }, json: { grants, username } });
  expect(res.status).toBe(200);
  return res.body!.token as string;
}

async function newUser() {
  const u = await userWithPasskey(db, communityId, baseUrl);
  return { ...u, token: await grant(u.username, ['profile:read', 'profile:write']) };
}

const profile = (id: string) => db.user.findUnique({ where: { id }, select: { email: true, emailVerified: true, phone: true, phoneVerified: true, messagingConsent: true } });

/** The code of the newest outbox message to `to`. */
async function outboxCode(to: string, after: Date): Promise<string> {
  const row = await eventually(async () => (await db.outboxMessage.findFirst({ where: { to, createdAt: { gte: after } }, orderBy: { createdAt: 'desc' } })) ?? undefined);
  expect(row.status).toBe('outbox');
  return codeIn(row.body);
}

describe('profile email', () => {
  it('sends a code to the new address and sets it verified once the code comes back (POST and PUT)', async () => {
    const u = await newUser();
    const started = new Date(Date.now() - 1000);
    expectNoContent(await call('POST', `profile/${u.user.id}/email`, { auth: { bearer: u.token }, json: { email: 'Ada@Example.com' } }));
    expect(await profile(u.user.id)).toMatchObject({ email: null, emailVerified: false });
    const code = await outboxCode('ada@example.com', started);
    expectFido2Error(await call('POST', 'profile/email/verify', { json: { authCode: code, username: u.username } }), 400, 'fido2.application_required');
    expectFido2Error(await call('POST', 'profile/email/verify', { json: { authCode: code, username: u.username, app: { id: foreign.app.id } } }), 400, 'otp.invalid_code');
    expectNoContent(await call('POST', 'profile/email/verify', { json: { authCode: code, username: u.username, app: { id: mine.app.id } } }));
    expect(await profile(u.user.id)).toMatchObject({ email: 'ada@example.com', emailVerified: true });
    expectFido2Error(await call('POST', 'profile/email/verify', { json: { authCode: code, username: u.username, app: { id: mine.app.id } } }), 400, 'otp.invalid_code');
    expectNoContent(await call('PUT', `profile/${u.user.id}/email`, { auth: { bearer: u.token }, json: { email: 'other@example.com', requestVerification: false } }));
    expect(await profile(u.user.id)).toMatchObject({ email: 'other@example.com', emailVerified: false });
  });

  it('refuses a bad address with 400 profile.invalid_email and removes the address', async () => {
    const u = await newUser();
    expectFido2Error(await call('POST', `profile/${u.user.id}/email`, { auth: { bearer: u.token }, json: { email: 'not an email' } }), 400, 'profile.invalid_email');
    expectFido2Error(await call('POST', `profile/${u.user.id}/email`, { auth: { bearer: u.token }, json: {} }), 400, 'request.validation_failed');
    expectNoContent(await call('POST', `profile/${u.user.id}/email`, { auth: { bearer: u.token }, json: { email: 'keep@example.com', requestVerification: false } }));
    expectFido2Error(await call('DELETE', `profile/${u.user.id}/email`, { auth: { bearer: u.token }, json: { email: 'other@example.com' } }), 404, 'profile.email_not_found');
    expectNoContent(await call('DELETE', `profile/${u.user.id}/email`, { auth: { bearer: u.token } }));
    expect(await profile(u.user.id)).toMatchObject({ email: null });
  });
});

describe('profile phone', () => {
  it('needs consent to verify, texts the code, and sets number and consent when it comes back', async () => {
    const u = await newUser();
    expectFido2Error(await call('POST', `profile/${u.user.id}/phone`, { auth: { bearer: u.token }, json: { phoneNumber: '+14161234567' } }), 400, 'profile.consent_required');
    expectFido2Error(await call('POST', `profile/${u.user.id}/phone`, { auth: { bearer: u.token }, json: { phoneNumber: '4161234567', requestVerification: false } }), 400, 'profile.invalid_phone');
    const started = new Date(Date.now() - 1000);
    const phone = `+1416${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expectNoContent(await call('POST', `profile/${u.user.id}/phone`, { auth: { bearer: u.token }, json: { phoneNumber: phone, messagingConsent: true } }));
    const code = await outboxCode(phone, started);
    expectNoContent(await call('POST', 'profile/phone/verify', { json: { authCode: code, username: u.username, app: { id: mine.app.id } } }));
    expect(await profile(u.user.id)).toMatchObject({ phone, phoneVerified: true, messagingConsent: true });
    expectNoContent(await call('DELETE', `profile/${u.user.id}/phone`, { auth: { bearer: u.token } }));
    expect(await profile(u.user.id)).toMatchObject({ phone: null, phoneVerified: false, messagingConsent: false });
  });
});

describe('profile authorization', () => {
  it('refuses a token without profile:write (403), an expired or missing token (401), and another user’s id (404), changing nothing', async () => {
    const u = await newUser();
    const other = await newUser();
    const readOnly = await grant(u.username, ['profile:read', 'passkey:write']);
    const expired = await issueJwtAccess({ db, kek, origin: baseUrl, app: mine.app, user: u.user, scopes: ['profile:write'], now: new Date(Date.now() - 7200_000) });
    const before = [await profile(u.user.id), await profile(other.user.id)];
    const body = { email: 'x@example.com', requestVerification: false };
    expectFido2Error(await call('POST', `profile/${u.user.id}/email`, { auth: { bearer: readOnly }, json: body }), 403, 'tokens.insufficient_scope');
    expectFido2Error(await call('DELETE', `profile/${u.user.id}`, { auth: { bearer: readOnly } }), 403, 'tokens.insufficient_scope');
    expectFido2Error(await call('POST', `profile/${u.user.id}/email`, { auth: { bearer: expired }, json: body }), 401, 'auth.unauthenticated');
    expectFido2Error(await call('POST', `profile/${u.user.id}/email`, { json: body }), 401, 'auth.unauthenticated');
    expectFido2Error(await call('POST', `profile/${other.user.id}/email`, { auth: { bearer: u.token }, json: body }), 404, 'users.not_found');
    expectFido2Error(await call('DELETE', `profile/${other.user.id}`, { auth: { bearer: u.token } }), 404, 'users.not_found');
    expectFido2Error(await call('DELETE', `profile/${other.user.id}/phone`, { auth: { bearer: u.token } }), 404, 'users.not_found');
    expect([await profile(u.user.id), await profile(other.user.id)]).toEqual(before);
  });

  it('lets the application’s key act on its community’s users only', async () => {
    const u = await newUser();
    expectNoContent(await call('POST', `profile/${u.user.id}/email`, { auth: { basic: mine.key }, json: { email: 'byapp@example.com', requestVerification: false } }));
    expect(await profile(u.user.id)).toMatchObject({ email: 'byapp@example.com' });
    const outsider = await userWithPasskey(db, foreignCommunityId, baseUrl);
    expectFido2Error(await call('POST', `profile/${outsider.user.id}/email`, { auth: { basic: mine.key }, json: { email: 'x@example.com', requestVerification: false } }), 404, 'users.not_found');
    expectFido2Error(await call('DELETE', `profile/${outsider.user.id}`, { auth: { basic: mine.key } }), 404, 'users.not_found');
    expect(await db.user.findUnique({ where: { id: outsider.user.id }, select: { email: true } })).toEqual({ email: null });
    expectFido2Error(await call('DELETE', `profile/${u.user.id}`, { auth: { basic: foreign.key } }), 404, 'users.not_found');
    expect(await db.user.count({ where: { id: u.user.id } })).toBe(1);
  });
});

describe('profile deletion', () => {
  it('deletes the user with passkeys and devices, audited', async () => {
    const u = await newUser();
    await db.device.create({ data: { communityId, userId: u.user.id } });
    expectNoContent(await call('DELETE', `profile/${u.user.id}`, { auth: { bearer: u.token } }));
    expect(await db.user.count({ where: { id: u.user.id } })).toBe(0);
    expect(await db.passkey.count({ where: { userId: u.user.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'users.deleted', subject: u.user.id, actor: `user:${u.user.id}` } })).toBe(1);
    // The token of a deleted user no longer passes mgmt/token/verify.
    expectFido2Error(await call('POST', 'mgmt/token/verify', { auth: { basic: mine.key }, json: { jwtAccess: u.token } }), 401, 'tokens.invalid');
  });
});
