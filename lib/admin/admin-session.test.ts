import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { createSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { startRegistration } from '../passkeys/start-registration';
import { finishRegistration } from '../passkeys/finish-registration';
import { createSession } from '../sessions/sessions';
import { ADMIN_SESSION_IDLE_MS, ADMIN_SESSION_MAX_MS, openAdminSession, resolveAdminSession, revokeAdminSession } from './admin-session';
import { findAdminForIdentity } from './admin-identity';
import { signInAdminWithPasskey } from './sign-in-admin-with-passkey';
import { startAdminSignIn } from './start-admin-sign-in';
import { CONSOLE_ORIGIN, enrollTestAdmin, seedAdminWorld, SYSTEM, type TAdminWorld, type TTestAdmin } from './test-support';

const decoyKey = Buffer.alloc(32, 7);

describe.each(TEST_PROVIDERS)('admin sign-in and console sessions on %s', (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let w: TAdminWorld;
  let root: TTestAdmin;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    w = await seedAdminWorld(db, crypto.randomBytes(32));
    root = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink });
  });
  afterAll(async () => close());

  async function signIn(admin: TTestAdmin, username?: string) {
    const { options } = await startAdminSignIn({ db, username, decoyKey });
    const response = admin.authenticator.authenticate(options, { origin: CONSOLE_ORIGIN });
    return signInAdminWithPasskey({ db, response });
  }

  it('signs an admin in with a passkey (usernameless and username-first) and opens a session', async () => {
    const { options } = await startAdminSignIn({ db, decoyKey });
    expect(options.rpId).toBe('id.example.com');
    expect(options.userVerification).toBe('required');
    const first = await signIn(root);
    expect(first.principal).toEqual(root.principal);
    const second = await signIn(root, root.username);
    expect(second.token).not.toBe(first.token);
    const session = await resolveAdminSession({ db, token: second.token });
    expect(session?.principal).toEqual(root.principal);
    expect(await db.auditEvent.count({ where: { type: 'admin.signed_in', subject: root.principal.adminId } })).toBeGreaterThanOrEqual(3);
  });

  it('refuses an end-user passkey of another community, and a console user who is not an admin', async () => {
    const stranger = createSoftAuthenticator();
    const { options: reg } = await startRegistration({ db, communityId: w.defaultCommunityId, signUp: { username: 'enduser', displayName: 'End User' } });
    await finishRegistration({ db, communityId: w.defaultCommunityId, response: stranger.register(reg, { origin: CONSOLE_ORIGIN }) });
    const { options } = await startAdminSignIn({ db, decoyKey });
    await expect(signInAdminWithPasskey({ db, response: stranger.authenticate(options, { origin: CONSOLE_ORIGIN }) })).rejects.toMatchObject({ code: 'passkeys.unknown_credential' });

    // A console user without an Admin row (never made by the product): still not an admin.
    const orphan = await db.user.create({ data: { communityId: w.consoleCommunityId, username: 'orphan', displayName: 'Orphan', userHandle: 'orphan-handle' } });
    await expect(findAdminForIdentity({ db, identity: { provider: 'passkey', userId: orphan.id } })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    await expect(openAdminSession({ db, identity: { provider: 'passkey', userId: orphan.id }, amr: ['pop'] })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
    // An end user's id is not an admin identity either.
    const endUser = await db.user.findFirstOrThrow({ where: { username: 'enduser' } });
    await expect(findAdminForIdentity({ db, identity: { provider: 'passkey', userId: endUser.id } })).rejects.toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('reads role and scope fresh on every request', async () => {
    const admin = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.acme.id, communityIds: [] });
    await db.admin.update({ where: { id: admin.principal.adminId }, data: { role: 'community', communityIds: [w.acme.web] } });
    expect((await resolveAdminSession({ db, token: admin.sessionToken }))?.principal).toEqual({ ...admin.principal, role: 'community', communityIds: [w.acme.web] });
  });

  it('ends at sign-out, and signing out twice is harmless', async () => {
    const { token } = await signIn(root);
    expect(await revokeAdminSession({ db, token })).toBe(true);
    expect(await resolveAdminSession({ db, token })).toBeUndefined();
    expect(await revokeAdminSession({ db, token })).toBe(false);
    expect(await revokeAdminSession({ db, token: undefined })).toBe(false);
    expect(await db.auditEvent.count({ where: { type: 'admin.signed_out', actor: `admin:${root.principal.adminId}` } })).toBe(1);
  });

  it('expires after 30 minutes idle, moves the idle deadline with use, and ends after 8 hours whatever', async () => {
    const start = new Date();
    const { token } = await openAdminSession({ db, identity: { provider: 'passkey', userId: root.principal.userId }, amr: ['pop'], now: start });
    const at = (ms: number) => new Date(start.getTime() + ms);
    expect(await resolveAdminSession({ db, token, now: at(ADMIN_SESSION_IDLE_MS + 1) })).toBeUndefined();
    // Used every 20 minutes: alive for the whole absolute lifetime, then gone.
    for (let t = 20 * 60_000; t < ADMIN_SESSION_MAX_MS; t += 20 * 60_000) {
      const s = await resolveAdminSession({ db, token, now: at(t) });
      expect(s, `at ${t / 60_000} min`).toBeDefined();
      expect(s!.expiresAt.getTime()).toBeLessThanOrEqual(s!.absoluteExpiresAt.getTime());
    }
    expect(await resolveAdminSession({ db, token, now: at(ADMIN_SESSION_MAX_MS) })).toBeUndefined();
  });

  it('finds only console sessions: an end-user session handle is not an admin session', async () => {
    const endUser = await db.user.findFirstOrThrow({ where: { username: 'enduser' } });
    const { token } = await createSession({ db, communityId: w.defaultCommunityId, userId: endUser.id, amr: ['pop'], authTime: new Date() });
    expect(await resolveAdminSession({ db, token })).toBeUndefined();
    expect(await revokeAdminSession({ db, token })).toBe(false);
    for (const bad of ['', 'x'.repeat(200), crypto.randomBytes(32).toString('base64url')]) expect(await resolveAdminSession({ db, token: bad })).toBeUndefined();
  });

  it('ends with the account: a disabled console user has no session', async () => {
    const admin = await enrollTestAdmin(db, SYSTEM);
    await db.user.update({ where: { id: admin.principal.userId }, data: { status: 'disabled' } });
    expect(await resolveAdminSession({ db, token: admin.sessionToken })).toBeUndefined();
  });
});
