import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import type { TAdminPrincipal } from '../admin/principal';
import { seedAdminWorld, worldPrincipals, type TAdminWorld } from '../admin/test-support';
import { hashSecret } from '../crypto/tokens';
import { createApiKeyAsAdmin } from './create-api-key-as-admin';
import { listApiKeysInScope } from './list-api-keys-in-scope';
import { revokeApiKeyAsAdmin } from './revoke-api-key-as-admin';

describe.each(TEST_PROVIDERS)('API keys in the admin console on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TAdminPrincipal;
  let acmeAdmin: TAdminPrincipal;
  let webAdmin: TAdminPrincipal;
  let globexAdmin: TAdminPrincipal;
  const WEB = 'https://web.example.com';

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    ({ system: root, acme: acmeAdmin, web: webAdmin, globex: globexAdmin } = worldPrincipals(w));
  });
  afterAll(() => close());

  const counts = async () => ({ keys: await db.apiKey.count(), audit: await db.auditEvent.count() });

  it('creates a key for a community in scope: shown once, hashed at rest, audited as the admin', async () => {
    const { apiKey, key } = await createApiKeyAsAdmin({ db, principal: webAdmin, input: { communityId: w.acme.web, allowedOrigins: [WEB], label: 'Shop' } });
    expect(key).toMatch(/^lkk_/);
    expect(apiKey).toMatchObject({ communityId: w.acme.web, community: { id: w.acme.web, name: 'Web' }, allowedOrigins: [WEB], label: 'Shop', status: 'active', lastUsedAt: null });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).secretHash).toBe(hashSecret(key));
    expect(await db.auditEvent.findMany({ where: { type: 'apikeys.created', subject: apiKey.id } })).toEqual([expect.objectContaining({ actor: 'admin:web', communityId: w.acme.web })]);
  });

  it('treats another community, another tenant\'s and the console community as not found, and creates nothing', async () => {
    const before = await counts();
    const cases: Array<[TAdminPrincipal, string]> = [
      [webAdmin, w.acme.mobile],
      [acmeAdmin, w.globex.shop],
      [acmeAdmin, w.consoleCommunityId],
      [root, w.consoleCommunityId],
    ];
    for (const [principal, communityId] of cases) {
      await expect(createApiKeyAsAdmin({ db, principal, input: { communityId, allowedOrigins: [WEB] } })).rejects.toMatchObject({ code: 'tenancy.community_not_found', status: 404 });
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses origins outside the community and bad input, creating nothing', async () => {
    const before = await counts();
    await expect(createApiKeyAsAdmin({ db, principal: acmeAdmin, input: { communityId: w.acme.web, allowedOrigins: ['https://evil.test'] } })).rejects.toMatchObject({ code: 'apikeys.origin_not_in_community', status: 400 });
    await expect(createApiKeyAsAdmin({ db, principal: acmeAdmin, input: { communityId: w.acme.web, allowedOrigins: ['http://web.example.com'] } })).rejects.toMatchObject({ code: 'tenancy.invalid_origin' });
    await expect(createApiKeyAsAdmin({ db, principal: acmeAdmin, input: { communityId: w.acme.web, allowedOrigins: [] } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { allowedOrigins: 'Enter at least one allowed origin.' } });
    await expect(createApiKeyAsAdmin({ db, principal: acmeAdmin, input: { communityId: '', allowedOrigins: [WEB] } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { communityId: 'Choose a community.' } });
    expect(await counts()).toEqual(before);
  });

  it('lists the keys of the communities in scope, newest first, searched and paged', async () => {
    await createApiKeyAsAdmin({ db, principal: root, input: { communityId: w.acme.mobile, allowedOrigins: ['https://mobile.example.com'], label: 'Mobile site' } });
    await createApiKeyAsAdmin({ db, principal: root, input: { communityId: w.globex.shop, allowedOrigins: ['https://shop.example.com'], label: 'Globex shop' } });
    const communities = async (p: TAdminPrincipal) => new Set((await listApiKeysInScope({ db, principal: p, query: { pageSize: 100 } })).items.map((k) => k.community.name));
    expect(await communities(root)).toEqual(new Set(['Web', 'Mobile', 'Shop']));
    expect(await communities(acmeAdmin)).toEqual(new Set(['Web', 'Mobile']));
    expect(await communities(webAdmin)).toEqual(new Set(['Web']));
    expect(await communities(globexAdmin)).toEqual(new Set(['Shop']));
    expect((await listApiKeysInScope({ db, principal: acmeAdmin, query: { q: 'mobile.EXAMPLE' } })).items.map((k) => k.label)).toEqual(['Mobile site']);
    const page = await listApiKeysInScope({ db, principal: root, query: { pageSize: 10 } });
    expect(page.items.map((k) => k.label)[0]).toBe('Globex shop');
    expect(JSON.stringify(page)).not.toMatch(/secretHash|[0-9a-f]{64}/);
  });

  it('revokes a key in scope once, and treats a key outside the scope as not found, leaving it active', async () => {
    const { apiKey } = await createApiKeyAsAdmin({ db, principal: acmeAdmin, input: { communityId: w.acme.web, allowedOrigins: [WEB] } });
    const mobile = await createApiKeyAsAdmin({ db, principal: acmeAdmin, input: { communityId: w.acme.mobile, allowedOrigins: ['https://mobile.example.com'] } });
    for (const p of [globexAdmin, webAdmin]) {
      await expect(revokeApiKeyAsAdmin({ db, principal: p, apiKeyId: p === webAdmin ? mobile.apiKey.id : apiKey.id })).rejects.toMatchObject({ code: 'apikeys.not_found', status: 404 });
    }
    expect(await db.apiKey.count({ where: { id: { in: [apiKey.id, mobile.apiKey.id] }, revokedAt: null } })).toBe(2);
    const revoked = await revokeApiKeyAsAdmin({ db, principal: webAdmin, apiKeyId: apiKey.id });
    expect(revoked).toMatchObject({ status: 'revoked', community: { name: 'Web' } });
    await revokeApiKeyAsAdmin({ db, principal: webAdmin, apiKeyId: apiKey.id });
    expect(await db.auditEvent.findMany({ where: { type: 'apikeys.revoked', subject: apiKey.id } })).toEqual([expect.objectContaining({ actor: 'admin:web' })]);
  });
});
