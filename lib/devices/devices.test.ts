import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { deleteUserPasskeys } from '../passkeys/delete-user-passkeys';
import { getPasskey } from '../passkeys/get-passkey';
import { deleteDevice } from './delete-device';
import { deleteUserDevices } from './delete-user-devices';
import { getDevice } from './get-device';

let db: TDb;
let close: () => Promise<void>;
let mine: string;
let theirs: string;
let n = 0;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  mine = (await seedTenant(db, 'Acme')).communityIds[0];
  theirs = (await seedTenant(db, 'Other')).communityIds[0];
});
afterAll(() => close());

async function userWithDevice(communityId: string) {
  const u = await db.user.create({ data: { communityId, username: `d${++n}`, displayName: `D ${n}`, userHandle: `dh${n}` } });
  const device = await db.device.create({ data: { communityId, userId: u.id, info: { clientName: 'Safari', clientType: 'browser', osName: 'iOS', osVersion: '18.1', screenWidth: 390, hasBluetooth: true, evil: '<script>' } } });
  const passkey = await db.passkey.create({ data: { communityId, userId: u.id, deviceId: device.id, credentialId: `cred${n}`, publicKey: 'k', alg: -7, name: 'Phone', aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' } });
  return { user: u, device, passkey };
}

describe('devices', () => {
  it('gets a device of the community with its user and known info fields only', async () => {
    const { user, device } = await userWithDevice(mine);
    const got = await getDevice({ db, communityId: mine, deviceId: device.id });
    expect(got.users).toEqual([{ id: user.id, username: user.username, displayName: user.displayName }]);
    expect(got.device).toEqual({ id: device.id, userId: user.id, clientName: 'Safari', clientType: 'browser', osName: 'iOS', osVersion: '18.1', screenWidth: 390, hasBluetooth: true, createdAt: expect.any(String), lastUsedAt: expect.any(String) });
  });

  it('deletes a device, keeping its passkeys (unlinked), audited', async () => {
    const { device, passkey } = await userWithDevice(mine);
    await deleteDevice({ db, communityId: mine, deviceId: device.id, actor: 'apikey:k' });
    expect(await db.device.count({ where: { id: device.id } })).toBe(0);
    expect(await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).toMatchObject({ deviceId: null });
    expect(await db.auditEvent.count({ where: { type: 'devices.deleted', subject: device.id, actor: 'apikey:k' } })).toBe(1);
    await expect(getDevice({ db, communityId: mine, deviceId: device.id })).rejects.toMatchObject({ code: 'devices.not_found', status: 404 });
  });

  it('deletes all devices of a user', async () => {
    const { user } = await userWithDevice(mine);
    await db.device.create({ data: { communityId: mine, userId: user.id } });
    expect(await deleteUserDevices({ db, communityId: mine, userId: user.id, actor: 'x' })).toEqual({ removed: 2 });
    expect(await deleteUserDevices({ db, communityId: mine, userId: user.id, actor: 'x' })).toEqual({ removed: 0 });
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
  });

  it('treats another community’s device and user as unknown and changes nothing', async () => {
    const { user, device } = await userWithDevice(theirs);
    await expect(getDevice({ db, communityId: mine, deviceId: device.id })).rejects.toMatchObject({ code: 'devices.not_found' });
    await expect(deleteDevice({ db, communityId: mine, deviceId: device.id, actor: 'x' })).rejects.toMatchObject({ code: 'devices.not_found' });
    await expect(deleteUserDevices({ db, communityId: mine, userId: user.id, actor: 'x' })).rejects.toMatchObject({ code: 'users.not_found' });
    expect(await db.device.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe('community passkeys', () => {
  it('gets a passkey with its owner and device, named by its AAGUID', async () => {
    const { user, device, passkey } = await userWithDevice(mine);
    const got = await getPasskey({ db, communityId: mine, passkeyId: passkey.id });
    expect(got).toMatchObject({ deviceId: device.id, user: { id: user.id }, passkey: { id: passkey.id, name: 'Phone', providerName: 'iCloud Keychain', credentialId: passkey.credentialId } });
    await expect(getPasskey({ db, communityId: theirs, passkeyId: passkey.id })).rejects.toMatchObject({ code: 'passkeys.not_found', status: 404 });
  });

  it('deletes all passkeys of a user in the community only', async () => {
    const a = await userWithDevice(mine);
    const b = await userWithDevice(theirs);
    expect(await deleteUserPasskeys({ db, communityId: mine, userId: a.user.id, actor: 'x' })).toEqual({ removed: 1 });
    await expect(deleteUserPasskeys({ db, communityId: mine, userId: b.user.id, actor: 'x' })).rejects.toMatchObject({ code: 'users.not_found' });
    expect(await db.passkey.count({ where: { userId: b.user.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { type: 'passkeys.deleted_all', subject: a.user.id } })).toBe(1);
  });
});
