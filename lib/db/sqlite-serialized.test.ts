import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from './test-db';
import type { TDb } from './index';
import { seedTenant } from '../licenses/test-support';
import { consumeCeremony, createCeremony, newChallenge } from '../passkeys/ceremony';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SQLite: statements of other requests never join an open transaction', () => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  beforeAll(async () => {
    ({ db, close } = await openTestDb('sqlite'));
    ({ communityIds: [communityId] } = await seedTenant(db));
  });
  afterAll(async () => close());

  it('a ceremony consumed while another transaction rolls back stays consumed', async () => {
    const challenge = newChallenge();
    await createCeremony(db, { communityId, kind: 'authentication', challenge, ttlMs: 60_000 });
    const failing = db.$transaction(async (tx) => {
      await tx.auditEvent.count();
      await sleep(50);
      throw new Error('rollback');
    });
    await sleep(10);
    const consumed = consumeCeremony(db, { communityId, kind: 'authentication', challenge });
    await expect(failing).rejects.toThrow('rollback');
    await expect(consumed).resolves.toMatchObject({ userId: null });
    await expect(consumeCeremony(db, { communityId, kind: 'authentication', challenge })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
  });

  it('a write made during another transaction survives that transaction’s rollback', async () => {
    const challenge = newChallenge();
    const failing = db.$transaction(async (tx) => {
      await tx.auditEvent.count();
      await sleep(50);
      throw new Error('rollback');
    });
    await sleep(10);
    const created = createCeremony(db, { communityId, kind: 'registration', challenge, ttlMs: 60_000 });
    await expect(failing).rejects.toThrow('rollback');
    await created;
    expect(await db.ceremony.count({ where: { challenge } })).toBe(1);
  });

  it('still runs many concurrent transactions and queries to completion', async () => {
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? db.$transaction(async (tx) => { await tx.auditEvent.create({ data: { type: 't', actor: 'a', result: 'success' } }); await sleep(1); }) : db.auditEvent.count(),
    );
    await expect(Promise.all(work)).resolves.toHaveLength(20);
  });
});
