import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { getAaguidMetadata } from './aaguid-metadata';

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const CUSTOM = '11111111-2222-3333-4444-555555555555';
let db: TDb;
let close: () => Promise<void>;
let a: string;
let b: string;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  [a, b] = (await seedTenant(db, 'Acme')).communityIds;
  await db.vendorMetadata.create({ data: { communityId: null, aaguid: CUSTOM, name: 'Service-wide key', iconLight: 'data:image/png;base64,AA==' } });
  await db.vendorMetadata.create({ data: { communityId: a, aaguid: CUSTOM, name: 'Our key', iconLight: 'data:image/png;base64,TA==', iconDark: 'data:image/png;base64,REs=' } });
});
afterAll(() => close());

describe('getAaguidMetadata', () => {
  it('prefers the community record, then the service-wide one, then the bundled data set', async () => {
    expect(await getAaguidMetadata({ db, communityId: a, aaguid: CUSTOM.toUpperCase() })).toEqual({ id: CUSTOM, name: 'Our key', iconLight: 'data:image/png;base64,TA==', iconDark: 'data:image/png;base64,REs=' });
    expect(await getAaguidMetadata({ db, communityId: b, aaguid: CUSTOM })).toEqual({ id: CUSTOM, name: 'Service-wide key', iconLight: 'data:image/png;base64,AA==', iconDark: 'data:image/png;base64,AA==' });
    expect(await getAaguidMetadata({ db, communityId: b, aaguid: ICLOUD })).toMatchObject({ id: ICLOUD, name: 'iCloud Keychain' });
  });

  it('answers 404 for an unknown AAGUID and 400 for a malformed one', async () => {
    await expect(getAaguidMetadata({ db, communityId: a, aaguid: '99999999-9999-9999-9999-999999999999' })).rejects.toMatchObject({ code: 'metadata.not_found', status: 404 });
    await expect(getAaguidMetadata({ db, communityId: a, aaguid: 'nope' })).rejects.toMatchObject({ code: 'request.validation_failed', status: 400 });
  });
});
