import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { bootstrap } from './bootstrap';
import { createTenant } from './create-tenant';
import { createCommunity, type TCreateCommunityInput } from './create-community';
import { listTenancy } from './list-tenancy';
import { findValidSetupToken } from '../admin/create-setup-link';
import { loadServiceKeyPair } from '../envelope/service-key';
import { getJwks, loadActiveSigningKey } from '../tokens/signing-keys';
import { loadRpSettings } from '../passkeys/rp';
import { startAuthentication } from '../passkeys/start-authentication';
import { startRegistration } from '../passkeys/start-registration';
import { getHostedCommunity } from './get-hosted-community';

const config = { origin: 'https://id.example.com', rpId: 'id.example.com', envelopeCurve: 'secp256k1' as const };

describe.each(TEST_PROVIDERS)('tenancy on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  const kek = crypto.randomBytes(32);

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
  });
  afterAll(async () => close());

  it('bootstraps an empty database once', async () => {
    const first = await bootstrap({ db, config, kek });
    expect(first.created).toBe(true);
    expect(first.setupLink).toMatch(/^https:\/\/id\.example\.com\/admin\/setup\?token=[\w-]{43}$/);
    expect(Buffer.from(first.servicePublicKey, 'base64')).toHaveLength(64);

    const tenancy = await listTenancy({ db });
    expect(tenancy).toHaveLength(1);
    expect(tenancy[0]).toMatchObject({ isDefault: true, dnsNames: ['id.example.com'] });
    expect(tenancy[0]!.communities).toEqual([
      expect.objectContaining({ id: first.communityId, isDefault: true, rpId: 'id.example.com', origins: ['https://id.example.com'], userVerification: 'preferred', attestation: 'none' }),
    ]);

    // The setup link works once it exists, and only its hash is stored.
    const token = new URL(first.setupLink!).searchParams.get('token')!;
    expect(await findValidSetupToken({ db, token })).toMatchObject({ role: 'system' });
    expect(await findValidSetupToken({ db, token: token + 'x' })).toBeUndefined();
    expect(await findValidSetupToken({ db, token, now: new Date(Date.now() + 25 * 3600_000) })).toBeUndefined();
    expect(JSON.stringify(await db.adminSetupToken.findMany())).not.toContain(token);

    // The service key pair opens with the KEK; the private key matches the public one.
    const pair = await loadServiceKeyPair(db, kek);
    const ecdh = crypto.createECDH('secp256k1');
    ecdh.setPrivateKey(pair!.privateKey);
    expect(ecdh.getPublicKey().subarray(1).toString('base64')).toBe(first.servicePublicKey);

    // The community signing key signs, and its JWKS is public-only.
    const signing = await loadActiveSigningKey(db, kek, first.communityId);
    expect(signing?.alg).toBe('ES256');
    const jwks = await getJwks(db, first.communityId);
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', kid: signing!.kid, alg: 'ES256', use: 'sig' })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');

    // The admins' console realm: in the default tenant, on the public URL, not listed with the tenant's communities.
    const consoleRealm = await db.community.findUniqueOrThrow({ where: { id: first.consoleCommunityId } });
    expect(consoleRealm).toMatchObject({ purpose: 'console', tenantId: first.tenantId, rpId: 'id.example.com', origins: ['https://id.example.com'], userVerification: 'required', isDefault: false });

    const second = await bootstrap({ db, config, kek });
    expect(second).toEqual({ created: false, tenantId: first.tenantId, communityId: first.communityId, consoleCommunityId: first.consoleCommunityId, servicePublicKey: first.servicePublicKey });
    expect(await db.tenant.count()).toBe(1);
    expect(await db.serviceKeyPair.count()).toBe(1);
    expect(await db.signingKey.count()).toBe(1);
    expect(await db.adminSetupToken.count()).toBe(1);
    expect(await db.community.count({ where: { purpose: 'console' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { type: { in: ['tenancy.tenant_created', 'tenancy.community_created', 'admin.setup_link_created'] } } })).toBe(4);

    // A new public URL: the console realm follows it (the default community is left alone).
    const moved = await bootstrap({ db, config: { ...config, origin: 'https://login.example.org', rpId: 'login.example.org' }, kek });
    expect(moved.consoleCommunityId).toBe(first.consoleCommunityId);
    expect(await db.community.findUniqueOrThrow({ where: { id: first.consoleCommunityId } })).toMatchObject({ rpId: 'login.example.org', origins: ['https://login.example.org'] });
    expect(await db.community.findUniqueOrThrow({ where: { id: first.communityId } })).toMatchObject({ rpId: 'id.example.com' });
    expect(await db.auditEvent.count({ where: { type: 'admin.console_relying_party_changed' } })).toBe(1);
    await bootstrap({ db, config, kek });
  });

  it('keeps the console realm out of the hosted pages and every end-user ceremony', async () => {
    const consoleId = (await db.community.findFirstOrThrow({ where: { purpose: 'console' } })).id;
    expect(await getHostedCommunity({ db, communityId: consoleId })).toBeUndefined();
    await expect(loadRpSettings(db, consoleId)).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    await expect(startRegistration({ db, communityId: consoleId, signUp: { username: 'squatter', displayName: 'S' } })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    await expect(startAuthentication({ db, communityId: consoleId, decoyKey: kek })).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
    expect((await loadRpSettings(db, consoleId, 'console')).communityId).toBe(consoleId);
    const defaultId = (await db.community.findFirstOrThrow({ where: { isDefault: true } })).id;
    await expect(loadRpSettings(db, defaultId, 'console')).rejects.toMatchObject({ code: 'tenancy.community_not_found' });
  });

  it('creates tenants and communities with validated RP settings', async () => {
    const tenant = await createTenant({ db, input: { name: ' Acme ', dnsNames: ['ACME.example'] }, actor: 'cli' });
    expect(tenant).toMatchObject({ name: 'Acme', dnsNames: ['acme.example'], isDefault: false });
    const community = await createCommunity({
      db,
      input: { tenantId: tenant.id, name: 'Customers', rpId: 'acme.example', origins: ['https://login.acme.example/', 'https://login.acme.example'], attestation: 'direct', userVerification: 'required' },
      actor: 'cli',
    });
    expect(community).toMatchObject({ rpId: 'acme.example', rpName: 'Customers', origins: ['https://login.acme.example'], attestation: 'direct', userVerification: 'required' });
  });

  it.each([
    ['request.validation_failed', { tenantId: 'x', name: '', rpId: 'a.example', origins: ['https://a.example'] }],
    ['request.validation_failed', { tenantId: 'x', name: 'N', rpId: 'a.example', origins: [] }],
    ['request.validation_failed', { tenantId: 'x', name: 'N', rpId: 'a.example', origins: ['https://a.example'], attestation: 'indirect' }],
    ['tenancy.invalid_origin', { tenantId: 'x', name: 'N', rpId: 'a.example', origins: ['http://a.example'] }],
    ['tenancy.invalid_rp_id', { tenantId: 'x', name: 'N', rpId: 'a.example', origins: ['https://b.example'] }],
    ['tenancy.tenant_not_found', { tenantId: 'missing', name: 'N', rpId: 'a.example', origins: ['https://a.example'] }],
  ])('rejects with %s and creates nothing', async (code, input) => {
    const before = await db.community.count();
    await expect(createCommunity({ db, input: input as TCreateCommunityInput, actor: 'cli' })).rejects.toMatchObject({ code });
    expect(await db.community.count()).toBe(before);
  });

  it('rejects a duplicate community name in the same tenant', async () => {
    const tenant = await createTenant({ db, input: { name: 'Dup' }, actor: 'cli' });
    const input = { tenantId: tenant.id, name: 'Same', rpId: 'dup.example', origins: ['https://dup.example'] };
    await createCommunity({ db, input, actor: 'cli' });
    await expect(createCommunity({ db, input, actor: 'cli' })).rejects.toMatchObject({ code: 'tenancy.community_exists', status: 409 });
  });

  it('rejects a tenant without a name', async () => {
    await expect(createTenant({ db, input: { name: '  ' }, actor: 'cli' })).rejects.toMatchObject({ code: 'request.validation_failed' });
  });
});
