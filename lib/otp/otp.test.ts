import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TOtpSettings } from '../config';
import type { TDb } from '../db';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import { seedTenant } from '../licenses/test-support';
import { createApplication } from '../applications/create-application';
import type { TMessaging, TOutgoingMessage } from '../messaging/message';
import { createOutboxTransport } from '../messaging/outbox-transport';
import { ensureSigningKey } from '../tokens/signing-keys';
import { verifyJwtAccess } from '../tokens/jwt-access';
import { consumeOtp } from './consume-otp';
import { issueOtp } from './issue-otp';
import { hashOtpCode, newOtpCode, otpHashKey } from './otp-code';
import { requestOtpByMessage } from './request-otp-by-message';
import { requestOtpForUser } from './request-otp-for-user';
import { OTP_SIGN_IN_SCOPES, verifySignInOtp } from './verify-sign-in-otp';

const kek = Buffer.alloc(32, 5);
const ORIGIN = 'https://id.example.com';
const settings: TOtpSettings = { ttlSeconds: 300, maxAttempts: 5, rateLimit: 5, rateWindowSeconds: 900 };

/** A messaging double that records what the code wants to send (the transports have their own tests). */
function recordingMessaging(): TMessaging & { sent: TOutgoingMessage[] } {
  const sent: TOutgoingMessage[] = [];
  const outbox = createOutboxTransport();
  const transport = { kind: 'outbox' as const, send: async (m: TOutgoingMessage) => { sent.push(m); await outbox.send(m); } };
  return { email: transport, sms: transport, sent };
}

describe.each(TEST_PROVIDERS)('one-time codes on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let app: { id: string; communityId: string; tokenTtlSeconds: number };
  let otherApp: { id: string; communityId: string; tokenTtlSeconds: number };
  let foreignApp: { id: string; communityId: string; tokenTtlSeconds: number };
  let n = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const acme = await seedTenant(db, 'Acme');
    const other = await seedTenant(db, 'Other');
    for (const c of [...acme.communityIds, ...other.communityIds]) await ensureSigningKey(db, kek, c);
    app = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Shop' }, actor: 'test' });
    otherApp = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Blog' }, actor: 'test' });
    foreignApp = await createApplication({ db, input: { communityId: other.communityIds[0], name: 'Elsewhere' }, actor: 'test' });
  });
  afterAll(() => close());

  async function user(extra: { email?: string; emailVerified?: boolean; phone?: string; phoneVerified?: boolean; messagingConsent?: boolean; communityId?: string } = {}) {
    const { communityId = app.communityId, ...rest } = extra;
    const username = `u${++n}-${provider}`;
    return db.user.create({ data: { communityId, username, displayName: username, userHandle: `h${n}${provider}`, ...rest } });
  }
  const issue = (userId: string, over: Partial<Parameters<typeof issueOtp>[0]> = {}) =>
    issueOtp({ db, kek, settings, communityId: app.communityId, applicationId: app.id, userId, purpose: 'auth', channel: 'direct', actor: 'test', ...over });
  const consume = (userId: string | null, code: string, over: Partial<Parameters<typeof consumeOtp>[0]> = {}) =>
    consumeOtp({ db, kek, communityId: app.communityId, applicationId: app.id, userId, purpose: 'auth', code, actor: 'test', onConsumed: async () => 'ok', ...over });

  describe('issueOtp', () => {
    it('makes a 6-digit code, stores only its HMAC, and audits without the code', async () => {
      const u = await user();
      const now = new Date();
      const issued = await issue(u.id, { now });
      expect(issued.code).toMatch(/^\d{6}$/);
      expect(issued.expiresAt.getTime()).toBe(now.getTime() + 300_000);
      const row = await db.otpCode.findUniqueOrThrow({ where: { id: issued.id } });
      expect(row.codeHash).toBe(hashOtpCode(otpHashKey(kek), { communityId: app.communityId, userId: u.id, purpose: 'auth' }, issued.code));
      expect(row.codeHash).not.toContain(issued.code);
      expect(row).toMatchObject({ attempts: 0, maxAttempts: 5, usedAt: null, applicationId: app.id, channel: 'direct' });
      const audit = await db.auditEvent.findFirstOrThrow({ where: { type: 'otp.issued', subject: u.id } });
      expect(JSON.stringify(audit.detail)).not.toContain(issued.code);
    });

    it('draws codes uniformly enough to look random', () => {
      const codes = new Set(Array.from({ length: 200 }, () => newOtpCode()));
      expect(codes.size).toBeGreaterThan(190);
    });

    it('limits codes per user in the window, counted in the database, and audits the refusal', async () => {
      const u = await user();
      for (let i = 0; i < settings.rateLimit; i++) await issue(u.id);
      await expect(issue(u.id)).rejects.toMatchObject({ code: 'otp.rate_limited', status: 429 });
      expect(await db.otpCode.count({ where: { userId: u.id } })).toBe(settings.rateLimit);
      expect(await db.auditEvent.count({ where: { type: 'otp.rate_limited', subject: u.id } })).toBe(1);
      // After the window the user may ask again, and the old rows are cleaned up.
      const later = new Date(Date.now() + (settings.rateWindowSeconds + 600) * 1000);
      await issue(u.id, { now: later });
      expect(await db.otpCode.count({ where: { userId: u.id } })).toBe(1);
    });

    it('holds the limit under concurrent requests', async () => {
      const u = await user();
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => issue(u.id)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(settings.rateLimit);
      expect(await db.otpCode.count({ where: { userId: u.id } })).toBe(settings.rateLimit);
    });

    it('supersedes the earlier live code of the same purpose', async () => {
      const u = await user();
      const first = await issue(u.id);
      const second = await issue(u.id);
      await expect(consume(u.id, first.code)).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(u.id, second.code)).resolves.toBe('ok');
    });
  });

  describe('consumeOtp', () => {
    it('accepts the code once and runs the change in the same transaction as the consumption', async () => {
      const u = await user();
      const { code, id } = await issue(u.id);
      await expect(consume(u.id, code, { onConsumed: async (tx, otp) => (await tx.otpCode.findUniqueOrThrow({ where: { id: otp.id } })).usedAt !== null })).resolves.toBe(true);
      expect((await db.otpCode.findUniqueOrThrow({ where: { id } })).usedAt).not.toBeNull();
      await expect(consume(u.id, code)).rejects.toMatchObject({ code: 'otp.invalid_code', status: 400 });
      expect(await db.auditEvent.count({ where: { type: 'otp.verified', subject: u.id } })).toBe(1);
    });

    it('undoes the consumption when the change fails', async () => {
      const u = await user();
      const { code, id } = await issue(u.id);
      await expect(consume(u.id, code, { onConsumed: async () => { throw new Error('boom'); } })).rejects.toThrow('boom');
      expect((await db.otpCode.findUniqueOrThrow({ where: { id } })).usedAt).toBeNull();
    });

    it('counts wrong guesses and kills the code after maxAttempts, even for the right code', async () => {
      const u = await user();
      const { code, id } = await issue(u.id);
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < settings.maxAttempts; i++) await expect(consume(u.id, wrong)).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(u.id, code)).rejects.toMatchObject({ code: 'otp.invalid_code' });
      expect(await db.otpCode.findUniqueOrThrow({ where: { id } })).toMatchObject({ attempts: settings.maxAttempts, usedAt: null });
      const reasons = (await db.auditEvent.findMany({ where: { type: 'otp.verify_failed', subject: u.id } })).map((e) => (e.detail as { reason: string }).reason);
      expect(reasons).toEqual([...Array(settings.maxAttempts).fill('wrong code'), 'no attempts left']);
    });

    it('compares at most maxAttempts guesses however many arrive at once', async () => {
      const u = await user();
      const { code, id } = await issue(u.id);
      const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
      const results = await Promise.allSettled(guesses.map((g) => consume(u.id, g)));
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect((await db.otpCode.findUniqueOrThrow({ where: { id } })).attempts).toBe(settings.maxAttempts);
    });

    it('lets exactly one of two concurrent correct guesses win', async () => {
      const u = await user();
      const { code } = await issue(u.id);
      const results = await Promise.allSettled([consume(u.id, code), consume(u.id, code), consume(u.id, code)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 'otp.invalid_code')).toBe(true);
    });

    it('refuses an expired code, one of another application, user, purpose or community, and an unknown user', async () => {
      const u = await user();
      const v = await user();
      const { code, id } = await issue(u.id);
      await expect(consume(u.id, code, { now: new Date(Date.now() + 301_000) })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(u.id, code, { applicationId: otherApp.id })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(v.id, code)).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(u.id, code, { purpose: 'email_verify' })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(u.id, code, { communityId: foreignApp.communityId, applicationId: foreignApp.id })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(consume(null, code)).rejects.toMatchObject({ code: 'otp.invalid_code' });
      // None of these touched the code: it still works.
      expect((await db.otpCode.findUniqueOrThrow({ where: { id } })).attempts).toBe(0);
      await expect(consume(u.id, code)).resolves.toBe('ok');
    });
  });

  describe('requestOtpForUser / verifySignInOtp', () => {
    it('gives a signed-in user a code that signs them in on another device with the OTP scopes', async () => {
      const u = await user();
      const { code, expiresAt } = await requestOtpForUser({ db, kek, settings, application: app, userId: u.id });
      expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
      const result = await verifySignInOtp({ db, kek, origin: ORIGIN, application: app, login: u.username.toUpperCase(), code });
      expect(result.userId).toBe(u.id);
      const claims = await verifyJwtAccess({ db, token: result.jwtAccess, origin: ORIGIN, appId: app.id });
      expect(claims).toMatchObject({ sub: u.id, username: u.username, scopes: [...OTP_SIGN_IN_SCOPES] });
      await expect(verifySignInOtp({ db, kek, origin: ORIGIN, application: app, login: u.username, code })).rejects.toMatchObject({ code: 'otp.invalid_code' });
    });

    it('refuses a code at another application and a gone or disabled user', async () => {
      const u = await user();
      const { code } = await requestOtpForUser({ db, kek, settings, application: app, userId: u.id });
      await expect(verifySignInOtp({ db, kek, origin: ORIGIN, application: otherApp, login: u.username, code })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await db.user.update({ where: { id: u.id }, data: { status: 'disabled' } });
      await expect(verifySignInOtp({ db, kek, origin: ORIGIN, application: app, login: u.username, code })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(requestOtpForUser({ db, kek, settings, application: app, userId: u.id })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      await expect(requestOtpForUser({ db, kek, settings, application: foreignApp, userId: (await user()).id })).rejects.toMatchObject({ code: 'users.not_found' });
    });
  });

  describe('requestOtpByMessage', () => {
    it('emails a code to a verified address, found by username or by that address, after the answer', async () => {
      const u = await user({ email: `m${n}@example.com`, emailVerified: true });
      const messaging = recordingMessaging();
      const deferred: (() => Promise<unknown>)[] = [];
      await requestOtpByMessage({ db, kek, settings, messaging, application: app, channel: 'email', login: u.email!.toUpperCase(), defer: (t) => deferred.push(t) });
      // Nothing that depends on the user happened before the answer.
      expect(messaging.sent).toHaveLength(0);
      expect(await db.otpCode.count({ where: { userId: u.id } })).toBe(0);
      await Promise.all(deferred.map((t) => t()));
      expect(messaging.sent).toEqual([expect.objectContaining({ channel: 'email', to: u.email })]);
      const code = /is (\d{6})\./.exec(messaging.sent[0]!.text)![1]!;
      expect(await db.outboxMessage.count({ where: { to: u.email!, status: 'outbox' } })).toBe(1);
      await expect(verifySignInOtp({ db, kek, origin: ORIGIN, application: app, login: u.username, code })).resolves.toMatchObject({ userId: u.id });
    });

    it('texts a code only to a verified phone whose owner consented', async () => {
      const ok = await user({ phone: `+1416555${String(1000 + n)}`, phoneVerified: true, messagingConsent: true });
      const noConsent = await user({ phone: `+1416556${String(1000 + n)}`, phoneVerified: true, messagingConsent: false });
      const unverified = await user({ phone: `+1416557${String(1000 + n)}`, phoneVerified: false, messagingConsent: true });
      const messaging = recordingMessaging();
      for (const u of [ok, noConsent, unverified]) await requestOtpByMessage({ db, kek, settings, messaging, application: app, channel: 'sms', login: u.username });
      expect(messaging.sent.map((m) => m.to)).toEqual([ok.phone]);
      expect(await db.otpCode.count({ where: { userId: { in: [noConsent.id, unverified.id] } } })).toBe(0);
    });

    it('answers the same and sends nothing for unknown users, unverified addresses, other communities and at the rate limit', async () => {
      const unverified = await user({ email: `unv${n}@example.com`, emailVerified: false });
      const foreign = await user({ email: `f${n}@example.com`, emailVerified: true, communityId: foreignApp.communityId });
      const limited = await user({ email: `l${n}@example.com`, emailVerified: true });
      for (let i = 0; i < settings.rateLimit; i++) await issue(limited.id);
      const messaging = recordingMessaging();
      const codes = await db.otpCode.count();
      for (const login of ['nobody', 'nobody@example.com', unverified.username, unverified.email!, foreign.username, foreign.email!, limited.username]) {
        await expect(requestOtpByMessage({ db, kek, settings, messaging, application: app, channel: 'email', login })).resolves.toBeUndefined();
      }
      expect(messaging.sent).toEqual([]);
      expect(await db.otpCode.count()).toBe(codes);
      expect(await db.auditEvent.count({ where: { type: 'otp.request_ignored', communityId: app.communityId } })).toBeGreaterThanOrEqual(6);
    });

    it('does not designate anyone by an address two users verified', async () => {
      const shared = `shared${n}@example.com`;
      await user({ email: shared, emailVerified: true });
      await user({ email: shared, emailVerified: true });
      const messaging = recordingMessaging();
      await requestOtpByMessage({ db, kek, settings, messaging, application: app, channel: 'email', login: shared });
      expect(messaging.sent).toEqual([]);
    });
  });
});
