import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAdminTestKit, nextAuthError, type TAdminTestKit, type TSignedInAdmin } from '../support/admin-client';
import { expectAdminError, expectRefusedUnchanged } from '../support/admin-expect';
import { expectOk } from '../support/hosted-client';
import { createSoftAuthenticator } from '../support/soft-authenticator';

/** "My account" over HTTP: an administrator's own passkeys, and nobody else's. */

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

let kit: TAdminTestKit;
let me: TSignedInAdmin;
let other: TSignedInAdmin;

beforeAll(async () => {
  kit = createAdminTestKit({ baseUrl, databaseUrl });
  me = await kit.signInAs('tenant', { tenantId: (await kit.seedTenant('Initech')).id });
  other = await kit.signInAs('system');
});
afterAll(async () => kit?.close());

describe('my passkeys', () => {
  it('adds a second passkey that signs in, renames it, and never deletes the last one', async () => {
    const [first] = expectOk(await me.client.listPasskeys()).passkeys;
    const key = createSoftAuthenticator({ attachment: 'cross-platform', transports: ['usb'] });
    const added = expectOk(await me.client.addPasskey(key)).passkey;
    expect(expectOk(await me.client.listPasskeys()).passkeys.map((p) => p.id)).toEqual([added.id, first!.id]);

    const second = kit.anonymous();
    expect(nextAuthError((await second.signIn(key)).result)).toBeUndefined();
    expect(expectOk(await second.session()).admin.id).toBe(me.admin.id);

    expect(expectOk(await me.client.renamePasskey(added.id, 'YubiKey')).passkey.name).toBe('YubiKey');
    const bad = await me.client.renamePasskey(added.id, '');
    expectAdminError(bad, 400, 'request.validation_failed');
    expect(bad.body).toMatchObject({ error: { fields: { name: 'Enter a name.' } } });

    expect((await me.client.deletePasskey(first!.id)).status).toBe(204);
    await expectRefusedUnchanged(kit.db, () => me.client.deletePasskey(added.id), 409, 'admin.last_passkey');
  });

  it("never reaches another administrator's passkeys: 404 and unchanged", async () => {
    const [theirs] = expectOk(await other.client.listPasskeys()).passkeys;
    await expectRefusedUnchanged(kit.db, () => me.client.renamePasskey(theirs!.id, 'Mine'), 404, 'passkeys.not_found');
    await expectRefusedUnchanged(kit.db, () => me.client.deletePasskey(theirs!.id), 404, 'passkeys.not_found');
    expect(expectOk(await me.client.listPasskeys()).passkeys.map((p) => p.id)).not.toContain(theirs!.id);
  });

  it("can't finish another administrator's registration ceremony", async () => {
    const { options } = expectOk(await other.client.addPasskeyOptions());
    const response = createSoftAuthenticator().register(options, { origin: baseUrl });
    await expectRefusedUnchanged(kit.db, () => me.client.addPasskeyVerify(response), 400, 'passkeys.challenge_invalid');
  });

  it('checks bodies', async () => {
    expectAdminError(await me.client.request('POST', 'account/registration/options', { json: { userId: other.admin.id } }), 400, 'request.validation_failed');
    expectAdminError(await me.client.request('POST', 'account/registration/verify', { json: { response: {}, extra: 1 } }), 400, 'request.validation_failed');
  });
});
