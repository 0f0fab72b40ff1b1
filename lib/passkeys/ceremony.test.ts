import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { seedTenant } from '../licenses/test-support';
import { consumeCeremony, createCeremony, newChallenge, purgeExpiredCeremonies } from './ceremony';

describe.each(TEST_PROVIDERS)('ceremonies on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  let otherCommunityId: string;
  const now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    ({ communityIds: [communityId, otherCommunityId] } = await seedTenant(db));
  });
  afterAll(async () => close());

  it('makes distinct 32-byte challenges', () => {
    const a = newChallenge();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newChallenge()).not.toBe(a);
  });

  it('consumes a ceremony exactly once and returns its data', async () => {
    const challenge = newChallenge();
    await createCeremony(db, { communityId, kind: 'registration', challenge, ttlMs: 60_000, data: { x: 1 }, userId: null, now });
    const got = await consumeCeremony(db, { communityId, kind: 'registration', challenge, now });
    expect(got).toMatchObject({ userId: null, data: { x: 1 } });
    await expect(consumeCeremony(db, { communityId, kind: 'registration', challenge, now })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
  });

  it('lets only one of many concurrent consumers win', async () => {
    const challenge = newChallenge();
    await createCeremony(db, { communityId, kind: 'authentication', challenge, ttlMs: 60_000, now });
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => consumeCeremony(db, { communityId, kind: 'authentication', challenge, now })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'passkeys.challenge_invalid' });
  });

  it('rejects an expired challenge and burns it', async () => {
    const challenge = newChallenge();
    await createCeremony(db, { communityId, kind: 'authentication', challenge, ttlMs: 1000, now });
    const later = new Date(now.getTime() + 1001);
    await expect(consumeCeremony(db, { communityId, kind: 'authentication', challenge, now: later })).rejects.toMatchObject({ code: 'passkeys.challenge_expired' });
    expect(await db.ceremony.count({ where: { challenge } })).toBe(0);
  });

  it('rejects a challenge of another community or kind', async () => {
    const a = newChallenge();
    await createCeremony(db, { communityId: otherCommunityId, kind: 'authentication', challenge: a, ttlMs: 60_000, now });
    await expect(consumeCeremony(db, { communityId, kind: 'authentication', challenge: a, now })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    const b = newChallenge();
    await createCeremony(db, { communityId, kind: 'registration', challenge: b, ttlMs: 60_000, now });
    await expect(consumeCeremony(db, { communityId, kind: 'authentication', challenge: b, now })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
  });

  it('purges expired ceremonies only', async () => {
    await db.ceremony.deleteMany();
    await createCeremony(db, { communityId, kind: 'authentication', challenge: newChallenge(), ttlMs: 1000, now });
    await createCeremony(db, { communityId, kind: 'authentication', challenge: newChallenge(), ttlMs: 60_000, now });
    expect(await purgeExpiredCeremonies(db, new Date(now.getTime() + 5000))).toBe(1);
    expect(await db.ceremony.count()).toBe(1);
  });
});
