import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '../db';
import { openTestDb, seedTenant } from '../licenses/test-support';
import { createApplication } from '../applications/create-application';
import { finishAuthentication } from '../passkeys/finish-authentication';
import { finishRegistration } from '../passkeys/finish-registration';
import { startRegistration } from '../passkeys/start-registration';
import { createSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import type { TFido2ManagementCaller, TFido2UserCaller } from './authenticate';
import { discoverPasskeyOptions } from './discover';
import { sessionBinding } from './session';
import { profileTargetOf } from './management';
import { deletePasskeyByManagement, renamePasskeyByManagement } from './mgmt-passkeys';
import { applicationOfBody } from './otp';

const kek = Buffer.alloc(32, 8);
let db: TDb;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof createApplication>>;
let closedApp: Awaited<ReturnType<typeof createApplication>>;
let foreignCommunity: string;
let origin: string;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  const acme = await seedTenant(db, 'Acme');
  foreignCommunity = (await seedTenant(db, 'Other')).communityIds[0];
  origin = 'https://acme.example.com';
  app = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Shop' }, actor: 'test' });
  closedApp = await createApplication({ db, input: { communityId: acme.communityIds[0], name: 'Members only', allowSignUp: false }, actor: 'test' });
});
afterAll(() => close());

async function signUp(username: string, communityId = app.communityId) {
  const auth = createSoftAuthenticator();
  const { options } = await startRegistration({ db, communityId, signUp: { username, displayName: username } });
  const o = communityId === app.communityId ? origin : 'https://other.example.com';
  const result = await finishRegistration({ db, communityId, response: auth.register(options, { origin: o }) });
  return { auth, ...result };
}

describe('discoverPasskeyOptions', () => {
  it('starts a sign-in bound to the session for a user with passkeys, with the last sign-in', async () => {
    const { auth, user, passkey } = await signUp('disco');
    const res = await discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'DISCO' }, userAgent: 'UA', deviceInfo: { clientName: 'Chrome' } } });
    expect(res).toMatchObject({ matchResult: 'PasskeyFound', userId: user.id, lastLoginTs: expect.any(String) });
    expect(res.session.length).toBeGreaterThanOrEqual(16);
    expect(res.regRequestOptions).toBeUndefined();
    expect(res.authRequestOptions?.allowCredentials?.map((c) => c.id)).toEqual([(await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).credentialId]);
    const response = auth.authenticate(res.authRequestOptions!, { origin });
    // The ceremony only completes with the same session and application.
    await expect(finishAuthentication({ db, communityId: app.communityId, response, binding: sessionBinding(app.id, 'other-session-value') })).rejects.toMatchObject({ code: 'passkeys.challenge_invalid' });
    const res2 = await discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'disco' } } });
    const ok = await finishAuthentication({ db, communityId: app.communityId, response: auth.authenticate(res2.authRequestOptions!, { origin }), binding: sessionBinding(app.id, res2.session) });
    expect(ok.user.id).toBe(user.id);
  });

  it('starts a registration for a user without passkeys, and a sign-up for an unknown username', async () => {
    const bare = await db.user.create({ data: { communityId: app.communityId, username: 'bare', displayName: 'Bare', userHandle: 'bare-h' } });
    const res = await discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'bare' }, userAgent: 'UA' } });
    expect(res).toMatchObject({ matchResult: 'NoPasskeyFound', userId: bare.id, regRequestOptions: { user: { name: 'bare' } } });
    const fresh = await discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'newbie', displayName: 'New Bie' } } });
    expect(fresh).toMatchObject({ matchResult: 'UserNotFound', regRequestOptions: { user: { name: 'newbie', displayName: 'New Bie' } } });
    expect(fresh.userId).toBeUndefined();
    const auth = createSoftAuthenticator();
    const made = await finishRegistration({ db, communityId: app.communityId, response: auth.register(fresh.regRequestOptions!, { origin }), binding: sessionBinding(app.id, fresh.session) });
    expect(made).toMatchObject({ created: true, user: { username: 'newbie' } });
  });

  it('refuses an unknown username when sign-up is off, a disabled user and bad input, starting nothing', async () => {
    const ceremonies = await db.ceremony.count();
    await expect(discoverPasskeyOptions({ db, kek, application: closedApp, input: { user: { username: 'ghost' } } })).rejects.toMatchObject({ code: 'users.not_found' });
    await db.user.create({ data: { communityId: app.communityId, username: 'banned', displayName: 'B', userHandle: 'banned-h', status: 'disabled' } });
    await expect(discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'banned' } } })).rejects.toMatchObject({ code: 'passkeys.user_disabled' });
    await expect(discoverPasskeyOptions({ db, kek, application: app, input: { user: {} } })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'x' }, deviceInfo: { screenWidth: 'wide' } } })).rejects.toMatchObject({ code: 'request.validation_failed' });
    expect(await db.ceremony.count()).toBe(ceremonies);
  });

  it('does not see users of another community', async () => {
    await signUp('outsider', foreignCommunity);
    const res = await discoverPasskeyOptions({ db, kek, application: app, input: { user: { username: 'outsider' } } });
    expect(res.matchResult).toBe('UserNotFound');
  });
});

describe('management passkey rename/delete', () => {
  it('renames and deletes any passkey of the community, never another community’s', async () => {
    const { passkey } = await signUp('pk-owner');
    const { passkey: foreign } = await signUp('pk-foreign', foreignCommunity);
    await renamePasskeyByManagement({ db, communityId: app.communityId, passkeyId: passkey.id, input: { passkeyName: ' Work key ' }, actor: 'apikey:k' });
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).name).toBe('Work key');
    expect(await db.auditEvent.count({ where: { type: 'passkeys.renamed', subject: passkey.id, actor: 'apikey:k' } })).toBe(1);
    await expect(renamePasskeyByManagement({ db, communityId: app.communityId, passkeyId: passkey.id, input: { passkeyName: '' }, actor: 'x' })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(renamePasskeyByManagement({ db, communityId: app.communityId, passkeyId: passkey.id, input: { name: 'x' }, actor: 'x' })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(renamePasskeyByManagement({ db, communityId: app.communityId, passkeyId: foreign.id, input: { passkeyName: 'Mine' }, actor: 'x' })).rejects.toMatchObject({ code: 'passkeys.not_found' });
    await expect(deletePasskeyByManagement({ db, communityId: app.communityId, passkeyId: foreign.id, actor: 'x' })).rejects.toMatchObject({ code: 'passkeys.not_found' });
    expect(await db.passkey.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ name: foreign.name });
    await deletePasskeyByManagement({ db, communityId: app.communityId, passkeyId: passkey.id, actor: 'apikey:k' });
    expect(await db.passkey.count({ where: { id: passkey.id } })).toBe(0);
  });
});

describe('profileTargetOf / applicationOfBody', () => {
  const user = { kind: 'user', application: { id: 'app1', communityId: 'c1' }, token: { sub: 'u1' } } as unknown as TFido2UserCaller;
  const mgmt = { kind: 'management', apiKeyId: 'k1', application: { id: 'app1', communityId: 'c1' } } as unknown as TFido2ManagementCaller;

  it('lets a token reach its own profile only, and a key any user id of its community', () => {
    expect(profileTargetOf(user, 'u1')).toEqual({ communityId: 'c1', applicationId: 'app1', userId: 'u1', actor: 'user:u1' });
    expect(() => profileTargetOf(user, 'u2')).toThrow(expect.objectContaining({ code: 'users.not_found', status: 404 }));
    expect(profileTargetOf(mgmt, 'u2')).toEqual({ communityId: 'c1', applicationId: 'app1', userId: 'u2', actor: 'apikey:k1' });
  });

  it('requires an active application named in app.id', async () => {
    expect((await applicationOfBody(db, { app: { id: app.id } })).id).toBe(app.id);
    await expect(applicationOfBody(db, {})).rejects.toMatchObject({ code: 'fido2.application_required', status: 400 });
    await expect(applicationOfBody(db, null)).rejects.toMatchObject({ code: 'fido2.application_required' });
    await expect(applicationOfBody(db, { app: { id: 42 } })).rejects.toMatchObject({ code: 'request.validation_failed' });
    await expect(applicationOfBody(db, { app: { id: 'unknown' } })).rejects.toMatchObject({ code: 'applications.not_found', status: 404 });
  });
});
