import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TOtpSettings } from '../config';
import type { TDb } from '../db';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import { seedTenant } from '../licenses/test-support';
import { createApplication } from '../applications/create-application';
import type { TMessageTransport, TMessaging, TOutgoingMessage } from '../messaging/message';
import { deleteUser } from './delete-user';
import { findUserByLogin } from './find-user-by-login';
import { findUserDetails } from './find-user-details';
import type { TProfileTarget } from './profile-target';
import { removeEmail } from './remove-email';
import { removePhone } from './remove-phone';
import { updateEmail } from './update-email';
import { updatePhone } from './update-phone';
import { verifyContact } from './verify-contact';

const kek = Buffer.alloc(32, 6);
const settings: TOtpSettings = { ttlSeconds: 300, maxAttempts: 5, rateLimit: 20, rateWindowSeconds: 900 };

function recordingMessaging(fail = false): TMessaging & { sent: TOutgoingMessage[] } {
  const sent: TOutgoingMessage[] = [];
  const transport: TMessageTransport = {
    kind: 'smtp',
    send: async (m) => {
      if (fail) throw new Error('relay down');
      sent.push(m);
    },
  };
  return { email: transport, sms: transport, sent };
}
const codeOf = (m: TOutgoingMessage) => /(?:is |^)(\d{6})\b/.exec(m.text)![1]!;

describe.each(TEST_PROVIDERS)('profiles and accounts on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let app: { id: string; communityId: string };
  let foreignApp: { id: string; communityId: string };
  let n = 0;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const acme = await seedTenant(db, 'Acme');
    const other = await seedTenant(db, 'Other');
    app = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Shop' }, actor: 'test' });
    foreignApp = await createApplication({ db, input: { communityId: other.communityIds[0], name: 'Elsewhere' }, actor: 'test' });
  });
  afterAll(() => close());

  async function user(extra: Record<string, unknown> = {}, communityId = app.communityId) {
    const username = `p${++n}-${provider}`;
    return db.user.create({ data: { communityId, username, displayName: username, userHandle: `ph${n}${provider}`, ...extra } });
  }
  const target = (userId: string, a = app): TProfileTarget => ({ communityId: a.communityId, applicationId: a.id, userId, actor: `user:${userId}` });
  const row = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { email: true, emailVerified: true, phone: true, phoneVerified: true, messagingConsent: true } });

  describe('email', () => {
    it('with verification: sends a code to the new address, keeps the profile until the code comes back', async () => {
      const u = await user({ email: 'old@example.com', emailVerified: true });
      const messaging = recordingMessaging();
      await updateEmail({ db, kek, settings, messaging, target: target(u.id), input: { email: ' New@Example.com ' } });
      expect(await row(u.id)).toMatchObject({ email: 'old@example.com', emailVerified: true });
      expect(messaging.sent).toEqual([expect.objectContaining({ channel: 'email', to: 'new@example.com', subject: expect.stringMatching(/email verification code/) })]);
      await expect(verifyContact({ db, kek, application: app, kind: 'email', input: { authCode: '000000', username: u.username } })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await verifyContact({ db, kek, application: app, kind: 'email', input: { authCode: codeOf(messaging.sent[0]!), username: u.username } });
      expect(await row(u.id)).toMatchObject({ email: 'new@example.com', emailVerified: true });
      expect(await db.auditEvent.count({ where: { type: 'profile.email_verified', subject: u.id } })).toBe(1);
    });

    it('without verification: sets the address unverified (the same address keeps its state)', async () => {
      const u = await user({ email: 'same@example.com', emailVerified: true });
      await updateEmail({ db, kek, settings, messaging: recordingMessaging(), target: target(u.id), input: { email: 'same@example.com', requestVerification: false } });
      expect(await row(u.id)).toMatchObject({ email: 'same@example.com', emailVerified: true });
      await updateEmail({ db, kek, settings, messaging: recordingMessaging(), target: target(u.id), input: { email: 'other@example.com', requestVerification: false } });
      expect(await row(u.id)).toMatchObject({ email: 'other@example.com', emailVerified: false });
      expect(await db.auditEvent.count({ where: { type: 'profile.email_updated', subject: u.id } })).toBe(2);
    });

    it('refuses a bad address, a missing one, another community’s user, and reports a failed delivery', async () => {
      const u = await user();
      const messaging = recordingMessaging();
      for (const email of ['not-an-email', 'a@', '@b.example', 'x'.repeat(300) + '@example.com']) {
        await expect(updateEmail({ db, kek, settings, messaging, target: target(u.id), input: { email } })).rejects.toMatchObject({ code: 'profile.invalid_email', status: 400 });
      }
      await expect(updateEmail({ db, kek, settings, messaging, target: target(u.id), input: {} })).rejects.toMatchObject({ code: 'request.validation_failed' });
      await expect(updateEmail({ db, kek, settings, messaging, target: target(u.id), input: { email: 'a@b.example', requestVerification: 'yes' } })).rejects.toMatchObject({ code: 'request.validation_failed' });
      const foreign = await user({}, foreignApp.communityId);
      await expect(updateEmail({ db, kek, settings, messaging, target: target(foreign.id), input: { email: 'a@b.example', requestVerification: false } })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      expect(await row(foreign.id)).toMatchObject({ email: null });
      await expect(updateEmail({ db, kek, settings, messaging: recordingMessaging(true), target: target(u.id), input: { email: 'a@b.example' } })).rejects.toMatchObject({ code: 'messaging.delivery_failed' });
      expect(messaging.sent).toEqual([]);
    });

    it('does not accept a verification code at another application, nor after the address was removed', async () => {
      const u = await user();
      const messaging = recordingMessaging();
      await updateEmail({ db, kek, settings, messaging, target: target(u.id), input: { email: 'v@example.com' } });
      const code = codeOf(messaging.sent[0]!);
      const blog = await createApplication({ db, input: { communityId: app.communityId, name: `Blog ${n}` }, actor: 'test' });
      await expect(verifyContact({ db, kek, application: blog, kind: 'email', input: { authCode: code, username: u.username } })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await expect(verifyContact({ db, kek, application: app, kind: 'phone', input: { authCode: code, username: u.username } })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      await removeEmail({ db, target: target(u.id) });
      await expect(verifyContact({ db, kek, application: app, kind: 'email', input: { authCode: code, username: u.username } })).rejects.toMatchObject({ code: 'otp.invalid_code' });
      expect(await row(u.id)).toMatchObject({ email: null, emailVerified: false });
    });

    it('removes the address, refusing a body naming another one', async () => {
      const u = await user({ email: 'mine@example.com', emailVerified: true });
      await expect(removeEmail({ db, target: target(u.id), input: { email: 'someone@example.com' } })).rejects.toMatchObject({ code: 'profile.email_not_found', status: 404 });
      expect(await row(u.id)).toMatchObject({ email: 'mine@example.com' });
      await removeEmail({ db, target: target(u.id), input: { email: 'MINE@example.com' } });
      expect(await row(u.id)).toMatchObject({ email: null, emailVerified: false });
      await removeEmail({ db, target: target(u.id) });
      expect(await db.auditEvent.count({ where: { type: 'profile.email_removed', subject: u.id } })).toBe(2);
    });
  });

  describe('phone', () => {
    it('needs consent to verify, texts the code, and verifies number and consent together', async () => {
      const u = await user();
      const messaging = recordingMessaging();
      await expect(updatePhone({ db, kek, settings, messaging, target: target(u.id), input: { phoneNumber: '+14161234567' } })).rejects.toMatchObject({ code: 'profile.consent_required', status: 400 });
      expect(await db.otpCode.count({ where: { userId: u.id } })).toBe(0);
      await updatePhone({ db, kek, settings, messaging, target: target(u.id), input: { phoneNumber: '+1 (416) 123-4567', messagingConsent: true } });
      expect(messaging.sent).toEqual([expect.objectContaining({ channel: 'sms', to: '+14161234567' })]);
      expect(await row(u.id)).toMatchObject({ phone: null });
      await verifyContact({ db, kek, application: app, kind: 'phone', input: { authCode: codeOf(messaging.sent[0]!), username: u.username } });
      expect(await row(u.id)).toMatchObject({ phone: '+14161234567', phoneVerified: true, messagingConsent: true });
    });

    it('sets a number without verification with the consent given, and removes it with the consent', async () => {
      const u = await user();
      await updatePhone({ db, kek, settings, messaging: recordingMessaging(), target: target(u.id), input: { phoneNumber: '+442071234567', requestVerification: false } });
      expect(await row(u.id)).toMatchObject({ phone: '+442071234567', phoneVerified: false, messagingConsent: false });
      await updatePhone({ db, kek, settings, messaging: recordingMessaging(), target: target(u.id), input: { phoneNumber: '+442071234567', requestVerification: false, messagingConsent: true } });
      expect(await row(u.id)).toMatchObject({ messagingConsent: true });
      await removePhone({ db, target: target(u.id) });
      expect(await row(u.id)).toMatchObject({ phone: null, phoneVerified: false, messagingConsent: false });
    });

    it.each(['4161234567', '+0123456789', '+1', '+1234567890123456', 'call me', '+1-416-abc'])('refuses %s with profile.invalid_phone', async (phoneNumber) => {
      const u = await user();
      await expect(updatePhone({ db, kek, settings, messaging: recordingMessaging(), target: target(u.id), input: { phoneNumber, requestVerification: false } })).rejects.toMatchObject({ code: 'profile.invalid_phone', status: 400 });
      expect(await row(u.id)).toMatchObject({ phone: null });
    });

    it('refuses another community’s user', async () => {
      const foreign = await user({}, foreignApp.communityId);
      await expect(removePhone({ db, target: target(foreign.id) })).rejects.toMatchObject({ code: 'users.not_found' });
    });
  });

  describe('deleteUser', () => {
    it('removes the account with passkeys, devices, sessions and codes, audited with counts', async () => {
      const u = await user();
      const device = await db.device.create({ data: { communityId: app.communityId, userId: u.id } });
      await db.passkey.create({ data: { communityId: app.communityId, userId: u.id, deviceId: device.id, credentialId: `c${n}`, publicKey: 'k', alg: -7, name: 'P' } });
      await db.session.create({ data: { communityId: app.communityId, userId: u.id, tokenHash: `t${n}${provider}`, authTime: new Date(), expiresAt: new Date(Date.now() + 60_000) } });
      await db.otpCode.create({ data: { communityId: app.communityId, userId: u.id, purpose: 'auth', channel: 'direct', codeHash: 'x', expiresAt: new Date() } });
      expect(await deleteUser({ db, communityId: app.communityId, userId: u.id, actor: 'test' })).toEqual({ passkeys: 1, devices: 1, sessions: 1 });
      expect(await db.user.count({ where: { id: u.id } })).toBe(0);
      expect(await db.passkey.count({ where: { userId: u.id } })).toBe(0);
      expect(await db.otpCode.count({ where: { userId: u.id } })).toBe(0);
      expect(await db.auditEvent.findFirst({ where: { type: 'users.deleted', subject: u.id } })).toMatchObject({ actor: 'test', detail: { username: u.username, passkeys: 1, devices: 1, sessions: 1 } });
      await expect(deleteUser({ db, communityId: app.communityId, userId: u.id, actor: 'test' })).rejects.toMatchObject({ code: 'users.not_found' });
    });

    it('leaves another community’s user alone', async () => {
      const foreign = await user({}, foreignApp.communityId);
      await expect(deleteUser({ db, communityId: app.communityId, userId: foreign.id, actor: 'test' })).rejects.toMatchObject({ code: 'users.not_found', status: 404 });
      expect(await db.user.count({ where: { id: foreign.id } })).toBe(1);
    });
  });

  describe('findUserByLogin / findUserDetails', () => {
    it('finds by username, or by a verified email or phone only', async () => {
      const u = await user({ email: `find${n}@example.com`, emailVerified: true, phone: `+1416777${1000 + n}`, phoneVerified: true });
      const unv = await user({ email: `unv${n}@example.com`, emailVerified: false });
      const find = (username: string) => findUserByLogin({ db, communityId: app.communityId, username });
      expect((await find(u.username.toUpperCase()))?.id).toBe(u.id);
      expect((await find(u.email!))?.id).toBe(u.id);
      expect((await find(u.phone!))?.id).toBe(u.id);
      expect(await find(unv.email!)).toBeNull();
      expect(await find('')).toBeNull();
      expect(await findUserByLogin({ db, communityId: foreignApp.communityId, username: u.username })).toBeNull();
    });

    it('returns details with passkeys and devices, in the community only', async () => {
      const u = await user({ email: `d${n}@example.com` });
      await db.device.create({ data: { communityId: app.communityId, userId: u.id, info: { clientName: 'Chrome', osName: 'macOS', screenWidth: 1920, junk: { a: 1 } } } });
      const details = await findUserDetails({ db, communityId: app.communityId, username: u.username });
      expect(details.user).toMatchObject({ id: u.id, username: u.username, email: u.email, emailVerified: false, status: 'active' });
      expect(details.passkeys).toEqual([]);
      expect(details.devices).toEqual([expect.objectContaining({ clientName: 'Chrome', osName: 'macOS', screenWidth: 1920 })]);
      expect(details.devices[0]).not.toHaveProperty('junk');
      await expect(findUserDetails({ db, communityId: foreignApp.communityId, username: u.username })).rejects.toMatchObject({ code: 'users.not_found' });
      await expect(findUserDetails({ db, communityId: app.communityId, username: 'bad name!' })).rejects.toMatchObject({ code: 'users.not_found' });
      for (const username of ['', '  ', null]) await expect(findUserDetails({ db, communityId: app.communityId, username })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
    });
  });
});
