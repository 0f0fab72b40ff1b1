import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../crypto/tokens';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { isOriginWithinCommunity } from './api-key';
import { createApiKey } from './create-api-key';
import { API_KEY_LAST_USED_RESOLUTION_MS, findActiveApiKey } from './find-active-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';

let db: TDb;
let close: () => Promise<void>;
let acme: { tenantId: string; communityIds: [string, string] };
let other: { tenantId: string; communityIds: [string, string] };
const ACME = 'https://acme.example.com';

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  acme = await seedTenant(db, 'Acme');
  other = await seedTenant(db, 'Other');
});
afterAll(() => close());

const counts = async () => ({ keys: await db.apiKey.count(), audit: await db.auditEvent.count() });

describe('createApiKey', () => {
  it('returns the key once, stores only its hash and a prefix, and audits in the same transaction', async () => {
    const now = new Date('2026-11-01T10:00:00Z');
    const { apiKey, key } = await createApiKey({
      db,
      input: { communityId: acme.communityIds[0], allowedOrigins: [`${ACME}/`, ACME, 'https://shop.acme.example.com:8443'], label: ' Shop ' },
      actor: 'cli',
      now,
    });
    expect(key).toMatch(/^lkk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      communityId: acme.communityIds[0],
      keyPrefix: key.slice(0, 12),
      allowedOrigins: [ACME, 'https://shop.acme.example.com:8443'],
      label: 'Shop',
      status: 'active',
      createdAt: now.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.secretHash).toBe(hashSecret(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const audit = await db.auditEvent.findMany({ where: { type: 'apikeys.created', subject: apiKey.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'cli', result: 'success', tenantId: acme.tenantId, communityId: acme.communityIds[0] });
    expect(JSON.stringify(audit[0]?.detail)).not.toContain(key);
  });

  it('generates a different key every time', async () => {
    const input = { communityId: acme.communityIds[1], allowedOrigins: [ACME] };
    const a = await createApiKey({ db, input, actor: 'cli' });
    const b = await createApiKey({ db, input, actor: 'cli' });
    expect(a.key).not.toBe(b.key);
  });

  it('rejects bad input with request.validation_failed and writes nothing', async () => {
    const before = await counts();
    const bad = [
      { communityId: '', allowedOrigins: [ACME] },
      { communityId: acme.communityIds[0], allowedOrigins: [] },
      { communityId: acme.communityIds[0], allowedOrigins: [ACME], label: ' ' },
      { communityId: acme.communityIds[0], allowedOrigins: [ACME], secretHash: 'x' },
    ];
    for (const input of bad) {
      await expect(createApiKey({ db, input: input as never, actor: 'cli' })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
    }
    expect(await counts()).toEqual(before);
  });

  it.each(['http://acme.example.com', 'https://acme.example.com/path', 'not a url', `android:apk-key-hash:${'a'.repeat(43)}`])(
    'rejects origin %j with tenancy.invalid_origin',
    async (origin) => {
      const before = await counts();
      await expect(createApiKey({ db, input: { communityId: acme.communityIds[0], allowedOrigins: [origin] }, actor: 'cli' })).rejects.toMatchObject({
        code: 'tenancy.invalid_origin',
        status: 400,
      });
      expect(await counts()).toEqual(before);
    },
  );

  it('rejects an unknown community with tenancy.community_not_found', async () => {
    const before = await counts();
    await expect(createApiKey({ db, input: { communityId: 'nope', allowedOrigins: [ACME] }, actor: 'cli' })).rejects.toMatchObject({
      code: 'tenancy.community_not_found',
      status: 404,
    });
    expect(await counts()).toEqual(before);
  });

  it("rejects an origin outside the community (another tenant's host, a look-alike) with apikeys.origin_not_in_community", async () => {
    const before = await counts();
    for (const origin of ['https://other.example.com', 'https://evilacme.example.com', 'https://example.com']) {
      await expect(createApiKey({ db, input: { communityId: acme.communityIds[0], allowedOrigins: [ACME, origin] }, actor: 'cli' })).rejects.toMatchObject({
        code: 'apikeys.origin_not_in_community',
        status: 400,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('composes into a caller transaction', async () => {
    const id = await db.$transaction(async (tx) => (await createApiKey({ db: tx, input: { communityId: other.communityIds[0], allowedOrigins: ['https://other.example.com'] }, actor: 'cli' })).apiKey.id);
    expect(await db.apiKey.count({ where: { id } })).toBe(1);
  });
});

describe('isOriginWithinCommunity', () => {
  const community = { rpId: 'acme.example', origins: ['https://login.partner.example'] };
  it.each([
    ['https://acme.example', true],
    ['https://a.b.acme.example', true],
    ['https://login.partner.example', true],
    ['https://partner.example', false],
    ['https://xacme.example', false],
    ['nonsense', false],
  ])('%s → %s', (origin, expected) => {
    expect(isOriginWithinCommunity(community, origin)).toBe(expected);
  });
});

describe('findActiveApiKey', () => {
  it('finds a key by its secret and records the use at most once a minute', async () => {
    const { apiKey, key } = await createApiKey({ db, input: { communityId: acme.communityIds[0], allowedOrigins: [ACME] }, actor: 'cli' });
    const t0 = new Date('2026-11-05T12:00:00Z');
    expect(await findActiveApiKey({ db, key, now: t0 })).toEqual({ ...apiKey, lastUsedAt: t0.toISOString() });
    const soon = new Date(t0.getTime() + API_KEY_LAST_USED_RESOLUTION_MS - 1);
    expect((await findActiveApiKey({ db, key, now: soon }))?.lastUsedAt).toBe(t0.toISOString());
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(t0);
    const later = new Date(t0.getTime() + API_KEY_LAST_USED_RESOLUTION_MS);
    expect((await findActiveApiKey({ db, key: ` ${key} `, now: later }))?.lastUsedAt).toBe(later.toISOString());
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(later);
  });

  it('returns undefined for unknown, missing, empty, oversized and revoked keys', async () => {
    const { apiKey, key } = await createApiKey({ db, input: { communityId: acme.communityIds[0], allowedOrigins: [ACME] }, actor: 'cli' });
    expect(await findActiveApiKey({ db, key: key + 'x' })).toBeUndefined();
    expect(await findActiveApiKey({ db, key: null })).toBeUndefined();
    expect(await findActiveApiKey({ db, key: '' })).toBeUndefined();
    expect(await findActiveApiKey({ db, key: 'a'.repeat(513) })).toBeUndefined();
    await revokeApiKey({ db, input: { id: apiKey.id }, actor: 'cli' });
    expect(await findActiveApiKey({ db, key })).toBeUndefined();
  });
});

describe('revokeApiKey', () => {
  it('sets revokedAt once and writes one audit event; revoking again is harmless', async () => {
    const { apiKey } = await createApiKey({ db, input: { communityId: acme.communityIds[0], allowedOrigins: [ACME] }, actor: 'cli' });
    const now = new Date('2026-11-02T08:00:00Z');
    const first = await revokeApiKey({ db, input: { id: apiKey.id }, actor: 'admin:1', now });
    expect(first).toMatchObject({ id: apiKey.id, status: 'revoked', revokedAt: now.toISOString() });
    expect(first).not.toHaveProperty('secretHash');
    expect(first).not.toHaveProperty('community');
    const second = await revokeApiKey({ db, input: { id: apiKey.id }, actor: 'cli', now: new Date('2026-11-03T08:00:00Z') });
    expect(second).toEqual(first);
    const audit = await db.auditEvent.findMany({ where: { type: 'apikeys.revoked', subject: apiKey.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin:1', tenantId: acme.tenantId, communityId: acme.communityIds[0] });
  });

  it('rejects an unknown id with apikeys.not_found and a blank one with request.validation_failed', async () => {
    await expect(revokeApiKey({ db, input: { id: 'nope' }, actor: 'cli' })).rejects.toMatchObject({ code: 'apikeys.not_found', status: 404 });
    await expect(revokeApiKey({ db, input: { id: ' ' }, actor: 'cli' })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });

  it('treats a key of another community as not found and leaves it active', async () => {
    const { apiKey } = await createApiKey({ db, input: { communityId: acme.communityIds[0], allowedOrigins: [ACME] }, actor: 'cli' });
    await expect(revokeApiKey({ db, input: { id: apiKey.id }, actor: 'cli', scope: { communityId: acme.communityIds[1] } })).rejects.toMatchObject({ code: 'apikeys.not_found' });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).revokedAt).toBeNull();
  });
});

describe('listApiKeys', () => {
  it('lists DTOs oldest first, without hashes, filtered by community and status', async () => {
    const all = await listApiKeys({ db });
    expect(all.length).toBeGreaterThan(3);
    expect(all.map((k) => k.createdAt)).toEqual([...all.map((k) => k.createdAt)].sort());
    expect(JSON.stringify(all)).not.toMatch(/secretHash|[0-9a-f]{64}/);
    const mine = await listApiKeys({ db, input: { communityId: other.communityIds[0] } });
    expect(mine.every((k) => k.communityId === other.communityIds[0])).toBe(true);
    const active = await listApiKeys({ db, input: { includeRevoked: false } });
    expect(active.every((k) => k.status === 'active')).toBe(true);
    expect(active.length).toBeLessThan(all.length);
  });

  it('rejects unknown filters with request.validation_failed', async () => {
    await expect(listApiKeys({ db, input: { all: true } as never })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });
});
