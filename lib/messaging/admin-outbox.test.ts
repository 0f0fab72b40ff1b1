import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { seedAdminWorld, worldPrincipals, type TAdminWorld } from '../admin/test-support';
import { adminOutboxQueryFromSearchParams, maskOneTimeCodes } from './admin-outbox';
import { getOutboxMessage } from './get-outbox-message';
import { listOutboxInScope } from './list-outbox-in-scope';

const NOW = new Date('2026-11-30T12:00:00Z');
const TTL = 300;

describe('maskOneTimeCodes', () => {
  const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);
  it('masks a code in an outbox body while it may still work, and shows it once it has expired', () => {
    const body = '123456 is your Acme sign-in code. It expires in 5 min.';
    expect(maskOneTimeCodes({ body, status: 'outbox', createdAt: at(1) }, { otpTtlSeconds: TTL, now: NOW })).toEqual({
      body: '•••••• is your Acme sign-in code. It expires in 5 min.',
      codeMasked: true,
      codeHiddenUntil: new Date(at(1).getTime() + TTL * 1000).toISOString(),
    });
    expect(maskOneTimeCodes({ body, status: 'outbox', createdAt: at(5) }, { otpTtlSeconds: TTL, now: NOW })).toEqual({ body, codeMasked: false, codeHiddenUntil: null });
  });
  it('leaves bodies without a code, and already redacted ones, as they are', () => {
    expect(maskOneTimeCodes({ body: '•••••• is your code. 12345 or 1234567 are not codes.', status: 'outbox', createdAt: NOW }, { otpTtlSeconds: TTL, now: NOW }).codeMasked).toBe(false);
    expect(maskOneTimeCodes({ body: '•••••• is your code.', status: 'sent', createdAt: NOW }, { otpTtlSeconds: TTL, now: NOW }).codeMasked).toBe(false);
  });
});

describe.each(TEST_PROVIDERS)('OTP outbox in the admin console on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;
  let acmeAdmin: TAdminPrincipal;
  const ids = {} as Record<'fresh' | 'old' | 'sms' | 'mobile' | 'globex', string>;

  const seed = async (communityId: string, channel: string, to: string, status: string, minutesAgo: number, body = `Your Acme sign-in code is 654321.`) =>
    (await db.outboxMessage.create({ data: { communityId, channel, to, subject: channel === 'email' ? 'Your Acme sign-in code' : null, body, status, error: status === 'failed' ? 'connection refused' : null, createdAt: new Date(NOW.getTime() - minutesAgo * 60_000) } })).id;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    ({ system: root, acme: acmeAdmin, web: webAdmin } = worldPrincipals(w));
    ids.fresh = await seed(w.acme.web, 'email', 'alice@example.com', 'outbox', 1);
    ids.old = await seed(w.acme.web, 'email', 'alice@example.com', 'outbox', 60);
    ids.sms = await seed(w.acme.web, 'sms', '+14161234567', 'failed', 2, '•••••• is your Acme sign-in code.');
    ids.mobile = await seed(w.acme.mobile, 'email', 'bob@example.com', 'sent', 3, 'Your code is ••••••.');
    ids.globex = await seed(w.globex.shop, 'email', 'carol@example.com', 'outbox', 4);
  });
  afterAll(() => close());

  const list = async (p: TAdminPrincipal, query: object = {}) => (await listOutboxInScope({ db, principal: p, query })).items.map((m) => m.id);

  it('lists the messages of the communities in scope, newest first, without bodies', async () => {
    expect(await list(root)).toEqual([ids.fresh, ids.sms, ids.mobile, ids.globex, ids.old]);
    expect(await list(acmeAdmin)).toEqual([ids.fresh, ids.sms, ids.mobile, ids.old]);
    expect(await list(webAdmin)).toEqual([ids.fresh, ids.sms, ids.old]);
    const page = await listOutboxInScope({ db, principal: webAdmin, query: { pageSize: 10 } });
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 10, pageCount: 1 });
    expect(page.items[1]).toEqual({ id: ids.sms, community: { id: w.acme.web, name: 'Web' }, channel: 'sms', to: '+14161234567', subject: null, status: 'failed', error: 'connection refused', createdAt: expect.any(String) });
    expect(JSON.stringify(page)).not.toContain('654321');
  });

  it('filters by community, channel and status, and searches recipient and subject', async () => {
    expect(await list(root, { communityId: w.acme.mobile })).toEqual([ids.mobile]);
    expect(await list(webAdmin, { communityId: w.acme.mobile })).toEqual([]);
    expect(await list(webAdmin, { channel: 'sms' })).toEqual([ids.sms]);
    expect(await list(acmeAdmin, { status: 'sent' })).toEqual([ids.mobile]);
    expect(await list(acmeAdmin, { q: 'BOB@' })).toEqual([ids.mobile]);
    expect(await list(webAdmin, { q: 'sign-in code', channel: 'email' })).toEqual([ids.fresh, ids.old]);
    await expect(listOutboxInScope({ db, principal: root, query: { channel: 'fax' } as never })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { channel: expect.any(String) } });
    expect(adminOutboxQueryFromSearchParams({ channel: 'fax', status: 'sent', page: '2' })).toEqual({ q: undefined, page: 2, pageSize: 25, communityId: undefined, channel: undefined, status: 'sent' });
  });

  it('shows a message with its body, masking a code that may still work', async () => {
    const fresh = await getOutboxMessage({ db, principal: webAdmin, messageId: ids.fresh, otpTtlSeconds: TTL, now: NOW });
    expect(fresh).toMatchObject({ id: ids.fresh, channel: 'email', to: 'alice@example.com', subject: 'Your Acme sign-in code', body: 'Your Acme sign-in code is ••••••.', codeMasked: true, community: { name: 'Web' } });
    const old = await getOutboxMessage({ db, principal: webAdmin, messageId: ids.old, otpTtlSeconds: TTL, now: NOW });
    expect(old).toMatchObject({ body: 'Your Acme sign-in code is 654321.', codeMasked: false, codeHiddenUntil: null });
  });

  it('treats a message outside the scope as not found (messaging.message_not_found)', async () => {
    for (const [p, id] of [[webAdmin, ids.mobile], [acmeAdmin, ids.globex], [root, 'nope']] as const) {
      await expect(getOutboxMessage({ db, principal: p, messageId: id, otpTtlSeconds: TTL, now: NOW })).rejects.toMatchObject({ code: 'messaging.message_not_found', status: 404 });
    }
  });
});
