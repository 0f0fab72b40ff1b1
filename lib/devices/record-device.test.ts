import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { recordDevice, ZDeviceInfo } from './record-device';

let db: TDb;
let close: () => Promise<void>;
let communityId: string;
let otherCommunityId: string;
let ann: string;
let bob: string;
let carl: string;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  const acme = await seedTenant(db, 'Acme');
  [communityId, otherCommunityId] = acme.communityIds;
  const user = (cid: string, username: string) => db.user.create({ data: { communityId: cid, username, displayName: username, userHandle: `h-${username}` } }).then((u) => u.id);
  ann = await user(communityId, 'ann');
  bob = await user(communityId, 'bob');
  carl = await user(otherCommunityId, 'carl');
});
afterAll(() => close());

describe('recordDevice', () => {
  it('creates a device with the reported info, without the client’s id and clock', async () => {
    const now = new Date('2026-11-30T10:00:00Z');
    const info = ZDeviceInfo.parse({ clientName: 'Chrome', clientType: 'browser', osName: 'iOS', screenWidth: 390, deviceId: 'made-up', lastUsedAt: '2020-01-01T00:00:00Z', extra: 'dropped' });
    const { id } = await recordDevice({ db, communityId, userId: ann, info, now });
    expect(id).not.toBe('made-up');
    expect(await db.device.findUniqueOrThrow({ where: { id } })).toMatchObject({ communityId, userId: ann, info: { clientName: 'Chrome', clientType: 'browser', osName: 'iOS', screenWidth: 390 }, createdAt: now, lastSeenAt: now });
  });

  it('updates the user’s own device named by deviceId, and never another user’s or community’s', async () => {
    const { id } = await recordDevice({ db, communityId, userId: ann, info: { clientName: 'Safari' } });
    const later = new Date(Date.now() + 60_000);
    expect(await recordDevice({ db, communityId, userId: ann, info: { deviceId: id, clientName: 'Safari', clientVersion: '18' }, now: later })).toEqual({ id });
    expect(await db.device.findUniqueOrThrow({ where: { id } })).toMatchObject({ info: { clientName: 'Safari', clientVersion: '18' }, lastSeenAt: later });
    const before = await db.device.findUniqueOrThrow({ where: { id } });
    for (const [cid, userId] of [
      [communityId, bob],
      [otherCommunityId, carl],
      [otherCommunityId, ann],
    ] as const) {
      const other = await recordDevice({ db, communityId: cid, userId, info: { deviceId: id, clientName: 'Evil' } });
      expect(other.id).not.toBe(id);
    }
    expect(await db.device.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it('bounds and types what a client may report', () => {
    for (const bad of [{ clientType: 'robot' }, { screenWidth: -1 }, { screenHeight: 1.5 }, { clientName: 'x'.repeat(129) }, { webauthnCapabilities: 'x'.repeat(4097) }, { hasBluetooth: 'yes' }]) {
      expect(ZDeviceInfo.safeParse(bad).success).toBe(false);
    }
  });
});
