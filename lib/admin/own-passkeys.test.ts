import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_PROVIDERS } from '../db/test-db';
import type { TDb } from '../db';
import { createSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { deleteOwnPasskey, finishOwnPasskeyRegistration, listOwnPasskeys, renameOwnPasskey, startOwnPasskeyRegistration } from './own-passkeys';
import { signInAdminWithPasskey } from './sign-in-admin-with-passkey';
import { startAdminSignIn } from './start-admin-sign-in';
import { CONSOLE_ORIGIN, enrollTestAdmin, seedAdminWorld, SYSTEM, type TTestAdmin } from './test-support';

describe.each(TEST_PROVIDERS)("an administrator's own passkeys on %s", (provider) => {
  let db: TDb;
  let close: () => Promise<void>;
  let me: TTestAdmin;
  let other: TTestAdmin;

  beforeAll(async () => {
    ({ db, close } = await openTestDb(provider));
    const w = await seedAdminWorld(db, crypto.randomBytes(32));
    me = await enrollTestAdmin(db, SYSTEM, { link: w.bootstrapLink });
    other = await enrollTestAdmin(db, { role: 'tenant', tenantId: w.acme.id, communityIds: [] });
  });
  afterAll(async () => close());

  it('adds a second passkey that signs in, lists and renames them', async () => {
    const [first] = await listOwnPasskeys({ db, principal: me.principal });
    expect(first).toMatchObject({ name: 'Passkey', lastUsedAt: expect.any(String) });

    const key = createSoftAuthenticator({ transports: ['usb'], attachment: 'cross-platform' });
    const { options } = await startOwnPasskeyRegistration({ db, principal: me.principal });
    expect(options.excludeCredentials).toHaveLength(1);
    const { passkey } = await finishOwnPasskeyRegistration({ db, principal: me.principal, response: key.register(options, { origin: CONSOLE_ORIGIN }) });
    expect((await listOwnPasskeys({ db, principal: me.principal })).map((p) => p.id)).toEqual([passkey.id, first!.id]);

    const { options: request } = await startAdminSignIn({ db, decoyKey: Buffer.alloc(32) });
    const session = await signInAdminWithPasskey({ db, response: key.authenticate(request, { origin: CONSOLE_ORIGIN }) });
    expect(session.principal.adminId).toBe(me.principal.adminId);

    expect(await renameOwnPasskey({ db, principal: me.principal, passkeyId: passkey.id, input: { name: ' Security key ' } })).toMatchObject({ id: passkey.id, name: 'Security key' });
    await expect(renameOwnPasskey({ db, principal: me.principal, passkeyId: passkey.id, input: { name: '' } })).rejects.toMatchObject({ code: 'request.validation_failed', fields: { name: 'Enter a name.' } });
  });

  it("can't finish another admin's ceremony", async () => {
    const { options } = await startOwnPasskeyRegistration({ db, principal: other.principal });
    const before = await db.passkey.count();
    await expect(finishOwnPasskeyRegistration({ db, principal: me.principal, response: createSoftAuthenticator().register(options, { origin: CONSOLE_ORIGIN }) })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    expect(await db.passkey.count()).toBe(before);
  });

  it("never touches another admin's passkeys: not found, unchanged", async () => {
    const [theirs] = await listOwnPasskeys({ db, principal: other.principal });
    const before = await db.passkey.findUniqueOrThrow({ where: { id: theirs!.id } });
    await expect(renameOwnPasskey({ db, principal: me.principal, passkeyId: theirs!.id, input: { name: 'Mine now' } })).rejects.toMatchObject({ code: 'passkeys.not_found', status: 404 });
    await expect(deleteOwnPasskey({ db, principal: me.principal, passkeyId: theirs!.id })).rejects.toMatchObject({ code: 'passkeys.not_found', status: 404 });
    expect(await db.passkey.findUniqueOrThrow({ where: { id: theirs!.id } })).toEqual(before);
  });

  it('deletes a passkey but never the last one, even when both go at once', async () => {
    const keys = await listOwnPasskeys({ db, principal: me.principal });
    expect(keys).toHaveLength(2);
    const results = await Promise.allSettled(keys.map((k) => deleteOwnPasskey({ db, principal: me.principal, passkeyId: k.id })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'admin.last_passkey', status: 409 } });
    const [last] = await listOwnPasskeys({ db, principal: me.principal });
    await expect(deleteOwnPasskey({ db, principal: me.principal, passkeyId: last!.id })).rejects.toMatchObject({ code: 'admin.last_passkey' });
    expect(await listOwnPasskeys({ db, principal: me.principal })).toHaveLength(1);
    await expect(deleteOwnPasskey({ db, principal: me.principal, passkeyId: 'no-such-passkey' })).rejects.toMatchObject({ code: 'passkeys.not_found' });
  });
});
