import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type TDb } from '../../lib/db';
import { codeIn, startSmtpSink, startWebhookSink } from '../support/mail-sink';
import { createPostgresDatabase, startTestServer, type TTestServer } from '../support/server';
import { applicationWithKey, createFido2Caller, eventually, expectFido2Error, expectNoContent, otherCommunity, serverKek, uniqueUsername, userWithPasskey } from '../support/fido2-fixtures';

/**
 * The FIDO2 API 2.0 one-time codes (`/fido2/v2/auth/otp...`) over real HTTP, against a server of
 * its own whose email goes to a real (local) SMTP server and whose SMS go to a local webhook —
 * allowed as a private target by LATCHKEY_ALLOW_PRIVATE_WEBHOOKS=true — so the deliveries are the
 * real ones. On the database that LATCHKEY_TEST_DB selects, like the shared server.
 */

const OTP_RATE_LIMIT = 4;
let server: TTestServer;
let database: { url: string; drop: () => Promise<void> } | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let hook: Awaited<ReturnType<typeof startWebhookSink>>;
let db: TDb;
let call: ReturnType<typeof createFido2Caller>;
let communityId: string;
let mine: Awaited<ReturnType<typeof applicationWithKey>>;
let sibling: Awaited<ReturnType<typeof applicationWithKey>>;
let foreign: Awaited<ReturnType<typeof applicationWithKey>>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  hook = await startWebhookSink();
  database = process.env.LATCHKEY_TEST_DB === 'postgresql' ? await createPostgresDatabase('latchkey_otp') : undefined;
  server = await startTestServer({
    databaseUrl: database?.url,
    env: {
      LATCHKEY_SMTP_URL: smtp.url,
      LATCHKEY_SMTP_FROM: 'no-reply@latchkey.test',
      LATCHKEY_SMS_WEBHOOK_URL: hook.url,
      LATCHKEY_SMS_WEBHOOK_AUTHORIZATION: 'Bearer sms-secret',
      LATCHKEY_ALLOW_PRIVATE_WEBHOOKS: 'true',
      LATCHKEY_OTP_RATE_LIMIT: String(OTP_RATE_LIMIT),
    },
  });
  call = createFido2Caller(server.baseUrl);
  db = createDb(server.databaseUrl);
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true } });
  communityId = main.id;
  const kek = serverKek(server.dataDir);
  mine = await applicationWithKey(db, communityId);
  sibling = await applicationWithKey(db, communityId);
  foreign = await applicationWithKey(db, await otherCommunity(db, kek, main.tenantId, server.baseUrl));
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
  await smtp?.close();
  await hook?.close();
});

async function newUser(contact: { email?: string; phone?: string; messagingConsent?: boolean } = {}) {
  const u = await userWithPasskey(db, communityId, server.baseUrl);
  if (contact.email || contact.phone) {
    await db.user.update({ where: { id: u.user.id }, data: { ...(contact.email ? { email: contact.email, emailVerified: true } : {}), ...(contact.phone ? { phone: contact.phone, phoneVerified: true, messagingConsent: contact.messagingConsent ?? true } : {}) } });
  }
  return u;
}

async function grant(username: string, grants: string[]): Promise<string> {
  const res = await call('POST', 'mgmt/grant', { auth: { basic: mine.key }, json: { grants, username } });
  expect(res.status).toBe(200);
  return res.body!.token as string;
}

const verify = (username: string, authCode: string, appId = mine.app.id) => call('POST', 'auth/otp/verify', { json: { authCode, user: { username }, app: { id: appId } } });

async function otpState(userId: string) {
  return db.otpCode.findMany({ where: { userId }, select: { id: true, attempts: true, usedAt: true, expiresAt: true }, orderBy: { id: 'asc' } });
}

describe('auth/otp (a signed-in user’s code for another device)', () => {
  it('returns a code that signs the user in once through auth/otp/verify', async () => {
    const u = await newUser();
    const res = await call('POST', 'auth/otp', { auth: { bearer: await grant(u.username, ['auth:write']) } });
    expect(res).toMatchObject({ status: 200, body: { code: expect.stringMatching(/^\d{6}$/), expiresAt: expect.any(String) } });
    expect(Date.parse(res.body!.expiresAt as string)).toBeGreaterThan(Date.now());
    const ok = await verify(u.username, res.body!.code as string);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body!).sort()).toEqual(['jwtAccess', 'userId']);
    expect(ok.body!.userId).toBe(u.user.id);
    expectNoContent(await call('POST', 'mgmt/token/verify', { auth: { basic: mine.key }, json: { jwtAccess: ok.body!.jwtAccess } }));
    const claims = JSON.parse(Buffer.from((ok.body!.jwtAccess as string).split('.')[1]!, 'base64url').toString()) as { scopes: string[]; aud: string };
    expect(claims).toMatchObject({ aud: mine.app.id, scopes: ['passkey:read', 'profile:read', 'reg:write', 'auth:write'] });
    // Reused code.
    const before = await otpState(u.user.id);
    expectFido2Error(await verify(u.username, res.body!.code as string), 400, 'otp.invalid_code');
    expect(await otpState(u.user.id)).toEqual(before);
  });

  it('refuses a token without auth:write (403) and no token (401), making no code', async () => {
    const u = await newUser();
    expectFido2Error(await call('POST', 'auth/otp', { auth: { bearer: await grant(u.username, ['passkey:read']) } }), 403, 'tokens.insufficient_scope');
    expectFido2Error(await call('POST', 'auth/otp', {}), 401, 'auth.unauthenticated');
    expect(await db.otpCode.count({ where: { userId: u.user.id } })).toBe(0);
  });

  it('limits codes per user with 429 after the configured count', async () => {
    const u = await newUser();
    const token = await grant(u.username, ['auth:write']);
    for (let i = 0; i < OTP_RATE_LIMIT; i++) expect((await call('POST', 'auth/otp', { auth: { bearer: token } })).status).toBe(200);
    expectFido2Error(await call('POST', 'auth/otp', { auth: { bearer: token } }), 429, 'otp.rate_limited');
    expect(await db.otpCode.count({ where: { userId: u.user.id } })).toBe(OTP_RATE_LIMIT);
  });

  it('kills a code after too many wrong guesses, and refuses it at another application or for another user', async () => {
    const u = await newUser();
    const v = await newUser();
    const { code } = (await call('POST', 'auth/otp', { auth: { bearer: await grant(u.username, ['auth:write']) } })).body as { code: string };
    expectFido2Error(await verify(u.username, code, sibling.app.id), 400, 'otp.invalid_code');
    expectFido2Error(await verify(u.username, code, foreign.app.id), 400, 'otp.invalid_code');
    expectFido2Error(await verify(v.username, code), 400, 'otp.invalid_code');
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expectFido2Error(await verify(u.username, wrong), 400, 'otp.invalid_code');
    expectFido2Error(await verify(u.username, code), 400, 'otp.invalid_code');
    expect(await otpState(u.user.id)).toEqual([expect.objectContaining({ attempts: 5, usedAt: null })]);
  });

  it('answers bad bodies with 400', async () => {
    expectFido2Error(await call('POST', 'auth/otp/verify', { json: { authCode: '12345', user: { username: 'x' }, app: { id: mine.app.id } } }), 400, 'request.validation_failed');
    expectFido2Error(await call('POST', 'auth/otp/verify', { json: { authCode: '123456', user: { username: 'x' } } }), 400, 'fido2.application_required');
    expectFido2Error(await call('POST', 'auth/otp/verify', { json: { authCode: '123456', user: { username: 'x' }, app: { id: 'nope' } } }), 404, 'applications.not_found');
    expectFido2Error(await call('POST', 'auth/otp/email', { json: { user: {}, app: { id: mine.app.id } } }), 400, 'request.validation_failed');
  });
});

describe('auth/otp/email and auth/otp/sms', () => {
  it('emails a code through SMTP to a verified address and signs in with it', async () => {
    const email = `${uniqueUsername('mail')}@example.com`;
    const u = await newUser({ email });
    expectNoContent(await call('POST', 'auth/otp/email', { json: { user: { username: email, usernameType: 'email' }, app: { id: mine.app.id } } }));
    const mail = await eventually(() => smtp.mails.find((m) => m.to.includes(email)));
    expect(mail.from).toBe('no-reply@latchkey.test');
    const code = codeIn(mail.raw);
    const row = await eventually(async () => (await db.outboxMessage.findFirst({ where: { to: email } })) ?? undefined);
    expect(row).toMatchObject({ channel: 'email', status: 'sent' });
    expect(row.body).not.toContain(code);
    expect((await verify(u.username, code)).status).toBe(200);
  });

  it('texts a code through the webhook to a verified phone with consent', async () => {
    const phone = `+1647${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const u = await newUser({ phone });
    expectNoContent(await call('POST', 'auth/otp/sms', { json: { user: { username: u.username }, app: { id: mine.app.id } } }));
    const hit = await eventually(() => hook.calls.find((c) => (JSON.parse(c.body) as { to: string }).to === phone));
    expect(hit.headers.authorization).toBe('Bearer sms-secret');
    const code = codeIn((JSON.parse(hit.body) as { body: string }).body);
    expect((await verify(phone, code)).status).toBe(200);
    expect(await db.outboxMessage.findFirst({ where: { to: phone } })).toMatchObject({ channel: 'sms', status: 'sent' });
  });

  it('answers 204 and sends nothing for unknown users, unverified addresses, no consent and other communities', async () => {
    const unverified = await newUser();
    await db.user.update({ where: { id: unverified.user.id }, data: { email: `${unverified.username}@example.com`, emailVerified: false } });
    const noConsent = await newUser({ phone: `+1905${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`, messagingConsent: false });
    const mails = smtp.mails.length;
    const calls = hook.calls.length;
    const codes = await db.otpCode.count();
    const outbox = await db.outboxMessage.count();
    const cases: [string, string, string][] = [
      ['email', 'nobody-here@example.com', mine.app.id],
      ['email', uniqueUsername('ghost'), mine.app.id],
      ['email', `${unverified.username}@example.com`, mine.app.id],
      ['email', unverified.username, mine.app.id],
      ['sms', noConsent.username, mine.app.id],
      ['sms', '+15555550100', mine.app.id],
      ['email', noConsent.username, foreign.app.id],
    ];
    for (const [channel, username, appId] of cases) expectNoContent(await call('POST', `auth/otp/${channel}`, { json: { user: { username }, app: { id: appId } } }));
    await new Promise((r) => setTimeout(r, 500));
    expect({ mails: smtp.mails.length, calls: hook.calls.length, codes: await db.otpCode.count(), outbox: await db.outboxMessage.count() }).toEqual({ mails, calls, codes, outbox });
  });
});
