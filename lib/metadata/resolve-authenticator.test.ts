import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/test-db';
import type { TDb } from '../db';
import { seedTenant } from '../licenses/test-support';
import { resolveAuthenticator, resolveAuthenticators, ZERO_AAGUID } from './resolve-authenticator';
import { getRelatedOrigins } from '../passkeys/related-origins';

const ICLOUD = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const UNKNOWN = '11111111-2222-3333-4444-555555555555';

describe('resolveAuthenticator', () => {
  let db: TDb;
  let close: () => Promise<void>;
  let c1: string;
  let c2: string;
  beforeAll(async () => {
    ({ db, close } = await openTestDb());
    ({ communityIds: [c1, c2] } = await seedTenant(db));
  });
  afterAll(async () => close());

  it('names well-known authenticators from the bundled data set', async () => {
    expect(await resolveAuthenticator(db, c1, ICLOUD.toUpperCase())).toEqual({ name: 'iCloud Keychain', icon: null });
    expect(await resolveAuthenticator(db, c1, UNKNOWN)).toEqual({ name: null, icon: null });
    expect(await resolveAuthenticator(db, c1, ZERO_AAGUID)).toEqual({ name: null, icon: null });
  });

  it('prefers the community record, then a service-wide record; skips disabled ones', async () => {
    await db.vendorMetadata.create({ data: { communityId: null, aaguid: ICLOUD, name: 'Apple Passwords' } });
    expect((await resolveAuthenticator(db, c1, ICLOUD)).name).toBe('Apple Passwords');
    await db.vendorMetadata.create({ data: { communityId: c1, aaguid: ICLOUD, name: 'Company iPhone', iconLight: 'data:image/svg+xml;base64,AA' } });
    expect(await resolveAuthenticator(db, c1, ICLOUD)).toEqual({ name: 'Company iPhone', icon: 'data:image/svg+xml;base64,AA' });
    expect((await resolveAuthenticator(db, c2, ICLOUD)).name).toBe('Apple Passwords');
    await db.vendorMetadata.create({ data: { communityId: c2, aaguid: UNKNOWN, name: 'Disabled', disabled: true } });
    expect((await resolveAuthenticator(db, c2, UNKNOWN)).name).toBeNull();
    const many = await resolveAuthenticators(db, c2, [ICLOUD, UNKNOWN, ZERO_AAGUID]);
    expect(many.get(ICLOUD)?.name).toBe('Apple Passwords');
    expect(many.get(UNKNOWN)?.name).toBeNull();
    expect(many.has(ZERO_AAGUID)).toBe(false);
  });

  it('serves related origins from the communities of an rpId', async () => {
    expect(await getRelatedOrigins({ db, rpId: 'acme.example.com' })).toBeUndefined();
    await db.community.update({ where: { id: c1 }, data: { relatedOrigins: ['https://acme.example.org'] } });
    await db.community.update({ where: { id: c2 }, data: { relatedOrigins: ['https://acme.example.org', 'https://acme.example.net'] } });
    expect(await getRelatedOrigins({ db, rpId: 'ACME.example.com' })).toEqual({ origins: ['https://acme.example.org', 'https://acme.example.net'] });
  });
});
