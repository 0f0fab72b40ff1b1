import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { seedTenant } from '../licenses/test-support';
import { ensureSigningKey } from '../tokens/signing-keys';
import { communityIssuer, issueProofOfAuthentication, verifyProofOfAuthentication } from '../tokens/proof-of-authentication';
import { createSession, findSession, revokeSession } from './sessions';

describe.each(TEST_PROVIDERS)('sessions and proof tokens on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let communityId: string;
  let otherCommunityId: string;
  let userId: string;
  const kek = crypto.randomBytes(32);

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    ({ communityIds: [communityId, otherCommunityId] } = await seedTenant(db));
    userId = (await db.user.create({ data: { communityId, username: 'ada', displayName: 'Ada', userHandle: 'h1' } })).id;
  });
  afterAll(async () => close());

  it('creates a session found by its token in its community only, then revokes it', async () => {
    const now = new Date();
    const { token, expiresAt } = await createSession({ db, communityId, userId, amr: ['pop', 'hwk', 'user', 'mfa'], authTime: now, now });
    expect(expiresAt.getTime()).toBeGreaterThan(now.getTime());
    expect(await db.session.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored
    const found = await findSession({ db, communityId, token });
    expect(found).toMatchObject({ communityId, user: { id: userId, username: 'ada' }, aal: 2, amr: ['pop', 'hwk', 'user', 'mfa'] });
    expect(await findSession({ db, communityId: otherCommunityId, token })).toBeUndefined();
    expect(await findSession({ db, communityId, token: token + 'x' })).toBeUndefined();
    expect(await findSession({ db, communityId, token: undefined })).toBeUndefined();
    expect(await findSession({ db, communityId, token, now: new Date(expiresAt.getTime() + 1) })).toBeUndefined();

    expect(await revokeSession({ db, communityId, token })).toBe(true);
    expect(await findSession({ db, communityId, token })).toBeUndefined();
    expect(await revokeSession({ db, communityId, token })).toBe(false);
    expect(await db.auditEvent.count({ where: { type: 'sessions.signed_out' } })).toBe(1);
  });

  it('hides the sessions of a disabled user', async () => {
    const u = await db.user.create({ data: { communityId, username: 'bob', displayName: 'Bob', userHandle: 'h2' } });
    const { token } = await createSession({ db, communityId, userId: u.id, amr: ['pop'], authTime: new Date() });
    expect((await findSession({ db, communityId, token }))?.aal).toBe(1);
    await db.user.update({ where: { id: u.id }, data: { status: 'disabled' } });
    expect(await findSession({ db, communityId, token })).toBeUndefined();
  });

  it('signs a proof-of-authentication JWT that verifies with the community JWKS only', async () => {
    await ensureSigningKey(db, kek, communityId);
    await ensureSigningKey(db, kek, otherCommunityId);
    const issuer = communityIssuer('https://id.example.com', communityId);
    const claims = { sub: userId, username: 'ada', community: communityId, tenant: 't', amr: ['pop', 'hwk'], auth_time: 1795600000, aaguid: '00000000-0000-0000-0000-000000000000', cid: 'cred' };
    const jwt = await issueProofOfAuthentication({ db, kek, issuer, claims });
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: expect.any(String) });
    const payload = await verifyProofOfAuthentication({ db, token: jwt, issuer, communityId });
    expect(payload).toMatchObject({ ...claims, iss: issuer, aud: issuer });
    expect(payload.exp! - payload.iat!).toBe(300);

    await expect(verifyProofOfAuthentication({ db, token: jwt, issuer, communityId: otherCommunityId })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    await expect(verifyProofOfAuthentication({ db, token: jwt, issuer: 'https://other', communityId })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    await expect(verifyProofOfAuthentication({ db, token: jwt, issuer, communityId, now: new Date(Date.now() + 301_000) })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    const [h, p] = jwt.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${jwt.split('.')[2]}`;
    expect(p).toBeTruthy();
    await expect(verifyProofOfAuthentication({ db, token: forged, issuer, communityId })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('gives a community without a signing key one on its first token, and keeps using it', async () => {
    const t = await db.tenant.create({ data: { name: 'NoKey' } });
    const c = await db.community.create({ data: { tenantId: t.id, name: 'C', rpId: 'x.example', rpName: 'X', origins: ['https://x.example'] } });
    expect(await db.signingKey.count({ where: { communityId: c.id } })).toBe(0);
    const claims = { sub: 's', username: 'u', community: c.id, tenant: t.id, amr: [], auth_time: 0, aaguid: '', cid: '' };
    const first = await issueProofOfAuthentication({ db, kek, issuer: 'i', claims });
    const second = await issueProofOfAuthentication({ db, kek, issuer: 'i', claims });
    const keys = await db.signingKey.findMany({ where: { communityId: c.id }, select: { kid: true, status: true } });
    expect(keys).toEqual([{ kid: expect.any(String), status: 'active' }]);
    expect(decodeProtectedHeader(first).kid).toBe(keys[0]!.kid);
    expect(decodeProtectedHeader(second).kid).toBe(keys[0]!.kid);
    expect(await verifyProofOfAuthentication({ db, token: first, issuer: 'i', communityId: c.id })).toMatchObject({ sub: 's' });
  });
});
