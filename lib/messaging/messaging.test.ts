import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { codeIn, startSmtpSink, startWebhookSink } from '../../e2e/support/mail-sink';
import { otpMessage } from '../otp/otp-messages';
import { listOutboxMessages } from './list-outbox-messages';
import { messagingFromConfig } from './messaging-from-config';
import { createOutboxTransport } from './outbox-transport';
import { sendMessage } from './send-message';
import { createSmsWebhookTransport } from './sms-webhook-transport';
import { createSmtpTransport } from './smtp-transport';

let db: TDb;
let close: () => Promise<void>;
let acme: { communityIds: [string, string] };
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let hook: Awaited<ReturnType<typeof startWebhookSink>>;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  acme = await seedTenant(db, 'Acme');
  smtp = await startSmtpSink();
  hook = await startWebhookSink();
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
  await close();
});

const email = (to: string, code = '123456') => otpMessage({ channel: 'email', to, code, purpose: 'auth', serviceName: 'Acme', ttlSeconds: 300 });
const sms = (to: string, code = '654321') => otpMessage({ channel: 'sms', to, code, purpose: 'phone_verify', serviceName: 'Acme', ttlSeconds: 300 });

describe('sendMessage', () => {
  it('keeps the full text in the developer outbox', async () => {
    const sent = await sendMessage({ db, communityId: acme.communityIds[0], transport: createOutboxTransport(), message: email('ada@example.com') });
    expect(sent.status).toBe('outbox');
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ channel: 'email', to: 'ada@example.com', subject: 'Your Acme sign-in code', status: 'outbox', error: null });
    expect(codeIn(row.body)).toBe('123456');
  });

  it('delivers email over SMTP to a real server and stores the text with the code masked', async () => {
    const transport = createSmtpTransport({ url: smtp.url, from: 'no-reply@acme.example' });
    const sent = await sendMessage({ db, communityId: acme.communityIds[0], transport, message: email('grace@example.com', '987654') });
    expect(sent.status).toBe('sent');
    const mail = smtp.mails.at(-1)!;
    expect(mail).toMatchObject({ from: 'no-reply@acme.example', to: ['grace@example.com'] });
    expect(mail.raw).toMatch(/Subject: Your Acme sign-in code/);
    expect(codeIn(mail.raw)).toBe('987654');
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.status).toBe('sent');
    expect(row.body).not.toContain('987654');
    expect(row.body).toContain('••••••');
  });

  it('records a failed SMTP delivery without throwing', async () => {
    const transport = createSmtpTransport({ url: 'smtp://127.0.0.1:1', from: 'no-reply@acme.example' });
    const sent = await sendMessage({ db, communityId: acme.communityIds[0], transport, message: email('x@example.com') });
    expect(sent.status).toBe('failed');
    const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.body).not.toContain('123456');
  });

  it('posts SMS to the webhook with its Authorization header when private targets are allowed', async () => {
    const transport = createSmsWebhookTransport({ url: hook.url, authorization: 'Bearer hook-secret', allowPrivate: true });
    const sent = await sendMessage({ db, communityId: acme.communityIds[0], transport, message: sms('+14161234567') });
    expect(sent.status).toBe('sent');
    const call = hook.calls.at(-1)!;
    expect(call.headers).toMatchObject({ authorization: 'Bearer hook-secret', 'content-type': 'application/json' });
    expect(JSON.parse(call.body)).toEqual({ to: '+14161234567', body: expect.stringMatching(/^654321 is your Acme phone verification code/) });
  });

  it('refuses a private webhook unless allowed, and records a non-2xx answer as failed', async () => {
    const calls = hook.calls.length;
    const refused = await sendMessage({ db, communityId: acme.communityIds[0], transport: createSmsWebhookTransport({ url: hook.url, allowPrivate: false }), message: sms('+14161234567') });
    expect(refused.status).toBe('failed');
    expect(hook.calls.length).toBe(calls);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: refused.id } })).error).toMatch(/resolves to/);
    hook.setStatus(500);
    const failed = await sendMessage({ db, communityId: acme.communityIds[0], transport: createSmsWebhookTransport({ url: hook.url, allowPrivate: true }), message: sms('+14161234567') });
    hook.setStatus(200);
    expect(failed.status).toBe('failed');
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: failed.id } })).error).toMatch(/answered 500/);
  });
});

describe('messagingFromConfig', () => {
  it('uses the outbox unless SMTP or a webhook is configured', () => {
    expect(messagingFromConfig({ allowPrivateTargets: false })).toMatchObject({ email: { kind: 'outbox' }, sms: { kind: 'outbox' } });
    expect(messagingFromConfig({ allowPrivateTargets: false, smtp: { url: smtp.url, from: 'a@b.example' }, smsWebhook: { url: hook.url } })).toMatchObject({ email: { kind: 'smtp' }, sms: { kind: 'webhook' } });
  });
});

describe('listOutboxMessages', () => {
  it('lists only the scope’s communities, newest first, with filters and pages', async () => {
    const [a, b] = acme.communityIds;
    for (const to of ['p1@example.com', 'p2@example.com', 'p3@example.com']) await sendMessage({ db, communityId: b, transport: createOutboxTransport(), message: email(to) });
    const page1 = await listOutboxMessages({ db, communityIds: [b], page: { page: 1, pageSize: 2 } });
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items.map((m) => m.to)).toEqual(['p3@example.com', 'p2@example.com']);
    expect((await listOutboxMessages({ db, communityIds: [b], page: { page: 2, pageSize: 2 } })).items.map((m) => m.to)).toEqual(['p1@example.com']);
    expect((await listOutboxMessages({ db, communityIds: [a], filters: { status: 'failed' } })).items.every((m) => m.status === 'failed' && m.communityId === a)).toBe(true);
    expect((await listOutboxMessages({ db, communityIds: [a], filters: { channel: 'sms' } })).items.every((m) => m.channel === 'sms')).toBe(true);
    expect((await listOutboxMessages({ db, communityIds: [a, b], filters: { to: 'p2@example.com' } })).total).toBe(1);
    expect((await listOutboxMessages({ db, communityIds: [] })).total).toBe(0);
    expect((await listOutboxMessages({ db, communityIds: 'all' })).total).toBeGreaterThanOrEqual(8);
    expect((await listOutboxMessages({ db, communityIds: 'all', filters: { since: new Date(Date.now() + 60_000) } })).total).toBe(0);
  });

  it('refuses bad filters and pages', async () => {
    await expect(listOutboxMessages({ db, communityIds: 'all', filters: { status: 'lost' } as never })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(listOutboxMessages({ db, communityIds: 'all', page: { pageSize: 1000 } })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });
});
