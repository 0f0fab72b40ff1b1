import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { getAuthenticatorMetadata } from './get-authenticator-metadata';

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const KEY = '2fc0579f-8113-47ea-b116-bb5a8db9202a';

let db: TDb;
let close: () => Promise<void>;
let communityId: string;
let otherCommunityId: string;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  [communityId, otherCommunityId] = (await seedTenant(db, 'Acme')).communityIds;
});
afterAll(() => close());

describe('getAuthenticatorMetadata', () => {
  it('prefers the community’s record, then a service-wide one, then the bundled data set', async () => {
    expect(await getAuthenticatorMetadata({ db, communityId, aaguid: ICLOUD })).toEqual({ aaguid: ICLOUD, name: 'iCloud Keychain', iconLight: null, iconDark: null });
    await db.vendorMetadata.create({ data: { communityId: null, aaguid: KEY, name: 'Service key', iconLight: 'data:image/png;base64,AA' } });
    expect(await getAuthenticatorMetadata({ db, communityId, aaguid: KEY.toUpperCase() })).toEqual({ aaguid: KEY, name: 'Service key', iconLight: 'data:image/png;base64,AA', iconDark: null });
    await db.vendorMetadata.create({ data: { communityId, aaguid: KEY, name: 'Our key', iconLight: 'data:image/png;base64,AB', iconDark: 'data:image/png;base64,AC' } });
    expect(await getAuthenticatorMetadata({ db, communityId, aaguid: KEY })).toMatchObject({ name: 'Our key', iconDark: 'data:image/png;base64,AC' });
    expect(await getAuthenticatorMetadata({ db, communityId: otherCommunityId, aaguid: KEY })).toMatchObject({ name: 'Service key' });
  });

  it('skips disabled records and refuses unknown, all-zero and malformed AAGUIDs', async () => {
    const aaguid = '3e078ffd-4c54-4586-8baa-a77da113aec5';
    await db.vendorMetadata.create({ data: { communityId, aaguid, name: 'Off', disabled: true } });
    await expect(getAuthenticatorMetadata({ db, communityId, aaguid })).rejects.toMatchObject({ code: 'metadata.not_found', status: 404 });
    await expect(getAuthenticatorMetadata({ db, communityId, aaguid: '00000000-0000-0000-0000-000000000000' })).rejects.toMatchObject({ code: 'metadata.not_found' });
    await expect(getAuthenticatorMetadata({ db, communityId, aaguid: 'nope' })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
  });
});
