import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { createSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { createSetupLink, findValidSetupToken, SETUP_LINK_TTL_MS } from './create-setup-link';
import { enrollAdminWithPasskey } from './finish-admin-enrollment';
import { startAdminEnrollment } from './start-admin-enrollment';
import { resolveAdminSession } from './admin-session';
import { CONSOLE_ORIGIN, enrollTestAdmin, seedAdminWorld, SYSTEM, tokenOf, uniqueUsername, type TAdminWorld } from './test-support';

describe.each(TEST_PROVIDERS)('admin enrolment from a setup link on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
  });
  afterAll(async () => close());

  async function counts() {
    const [users, admins, passkeys] = await Promise.all([db.user.count({ where: { communityId: w.consoleCommunityId } }), db.admin.count(), db.passkey.count({ where: { communityId: w.consoleCommunityId } })]);
    return { users, admins, passkeys };
  }

  it('enrols the first system admin from the bootstrap link and signs them in', async () => {
    expect(w.bootstrapLink).toMatch(/^https:\/\/id\.example\.com\/admin\/setup\?token=/);
    const admin = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink, username: 'Root.Admin' });
    expect(admin.principal).toMatchObject({ role: 'system', communityIds: [] });
    expect(admin.principal).not.toHaveProperty('tenantId');
    const user = await db.user.findUniqueOrThrow({ where: { id: admin.principal.userId }, include: { admin: true, passkeys: true } });
    expect(user).toMatchObject({ communityId: w.consoleCommunityId, username: 'root.admin', admin: { role: 'system', createdBy: 'system' } });
    expect(user.passkeys).toHaveLength(1);
    expect(user.passkeys[0]!.userVerified).toBe(true);
    const token = await db.adminSetupToken.findFirstOrThrow({ where: { adminId: admin.principal.adminId } });
    expect(token.usedAt).not.toBeNull();
    expect(await findValidSetupToken({ db, token: tokenOf(w.bootstrapLink) })).toBeUndefined();
    const session = await resolveAdminSession({ db, token: admin.sessionToken });
    expect(session).toMatchObject({ principal: admin.principal, admin: { username: 'root.admin' }, consoleCommunityId: w.consoleCommunityId });
    expect(await db.auditEvent.count({ where: { type: 'admin.enrolled', subject: admin.principal.adminId } })).toBe(1);
    expect(await db.session.findFirstOrThrow({ where: { userId: admin.principal.userId } })).toMatchObject({ amr: ['pop', 'user', 'mfa'], aal: 2 });
  });

  it('gives the new admin the role and scope of the link', async () => {
    const admin = await enrollTestAdmin(db, { role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] });
    expect(admin.principal).toMatchObject({ role: 'community', tenantId: w.acme.id, communityIds: [w.acme.web] });
    const tenantAdmin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.globex.id, communityIds: [] });
    expect(tenantAdmin.principal).toMatchObject({ role: 'tenant', tenantId: w.globex.id, communityIds: [] });
  });

  it('refuses a replayed (used) link, and nothing is created', async () => {
    const link = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test' })).url;
    await enrollTestAdmin(db, SYSTEM, { link });
    const before = await counts();
    await expect(startAdminEnrollment({ db, token: tokenOf(link), input: { username: uniqueUsername(), displayName: 'Replay' } })).rejects.toMatchObject({ code: 'admin.setup_link_invalid', status: 404 });
    expect(await counts()).toEqual(before);
  });

  it('refuses an expired link at start and at finish', async () => {
    const past = new Date(Date.now() - SETUP_LINK_TTL_MS - 1000);
    const link = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test', now: past })).url;
    await expect(startAdminEnrollment({ db, token: tokenOf(link), input: { username: uniqueUsername(), displayName: 'Late' } })).rejects.toMatchObject({ code: 'admin.setup_link_invalid' });

    // Started in time, finished after the link expired.
    const link2 = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test' })).url;
    const { options } = await startAdminEnrollment({ db, token: tokenOf(link2), input: { username: uniqueUsername(), displayName: 'Slow' } });
    const response = createSoftAuthenticator().register(options, { origin: CONSOLE_ORIGIN });
    const before = await counts();
    await expect(enrollAdminWithPasskey({ db, token: tokenOf(link2), response, now: new Date(Date.now() + SETUP_LINK_TTL_MS + 1000) })).rejects.toMatchObject({ code: 'admin.setup_link_invalid' });
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown tokens', async () => {
    for (const token of ['', 'x', 'a'.repeat(200), crypto.randomBytes(32).toString('base64url')]) {
      await expect(startAdminEnrollment({ db, token, input: { username: 'x', displayName: 'X' } })).rejects.toMatchObject({ code: 'admin.setup_link_invalid' });
      await expect(enrollAdminWithPasskey({ db, token, response: {} })).rejects.toMatchObject({ code: 'admin.setup_link_invalid' });
    }
  });

  it('checks the form with the shared schemas and refuses a taken username', async () => {
    const link = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test' })).url;
    await expect(startAdminEnrollment({ db, token: tokenOf(link), input: { username: 'no spaces!', displayName: '' } })).rejects.toMatchObject({
      code: 'request.validation_failed',
      fields: { username: 'Use letters, digits and . _ - @ + only.', displayName: 'Enter your name.' },
    });
    await expect(startAdminEnrollment({ db, token: tokenOf(link), input: { username: 'root.admin', displayName: 'Again' } })).rejects.toMatchObject({ code: 'passkeys.username_taken' });
    expect(await findValidSetupToken({ db, token: tokenOf(link) })).toBeDefined();
  });

  it('binds the ceremony to its link: another link cannot finish it', async () => {
    const a = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test' })).url;
    const b = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test', role: 'tenant', tenantId: w.acme.id })).url;
    const { options } = await startAdminEnrollment({ db, token: tokenOf(b), input: { username: uniqueUsername(), displayName: 'Bound' } });
    const response = createSoftAuthenticator().register(options, { origin: CONSOLE_ORIGIN });
    const before = await counts();
    await expect(enrollAdminWithPasskey({ db, token: tokenOf(a), response })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    expect(await counts()).toEqual(before);
    expect(await findValidSetupToken({ db, token: tokenOf(a) })).toBeDefined();
  });

  it('makes exactly one admin from concurrent uses of one link', async () => {
    const link = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test' })).url;
    const attempts = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const { options } = await startAdminEnrollment({ db, token: tokenOf(link), input: { username: uniqueUsername(`race${i}`), displayName: `Race ${i}` } });
        return createSoftAuthenticator().register(options, { origin: CONSOLE_ORIGIN });
      }),
    );
    const before = await counts();
    const results = await Promise.allSettled(attempts.map((response) => enrollAdminWithPasskey({ db, token: tokenOf(link), response })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'admin.setup_link_invalid' });
    expect(await counts()).toEqual({ users: before.users + 1, admins: before.admins + 1, passkeys: before.passkeys + 1 });
  });

  it('refuses a tampered attestation and keeps the link', async () => {
    const link = (await createSetupLink({ db, origin: CONSOLE_ORIGIN, actor: 'test' })).url;
    const { options } = await startAdminEnrollment({ db, token: tokenOf(link), input: { username: uniqueUsername(), displayName: 'Evil' } });
    const response = createSoftAuthenticator().register(options, { origin: 'https://evil.example' });
    await expect(enrollAdminWithPasskey({ db, token: tokenOf(link), response })).rejects.toMatchObject({ code: 'passkeys.verification_failed' });
    expect(await findValidSetupToken({ db, token: tokenOf(link) })).toBeDefined();
  });
});
