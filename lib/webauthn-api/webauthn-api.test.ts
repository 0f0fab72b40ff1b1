import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../db/test-db';
import type { TDb } from '../db';
import { AppError } from '../errors';
import { createTenant } from '../tenancy/create-tenant';
import { createCommunity } from '../tenancy/create-community';
import { createLicense } from '../licenses/create-license';
import type { TLicenseDto } from '../licenses/license';
import { startRegistration } from '../passkeys/start-registration';
import { createSoftAuthenticator } from '../../e2e/support/soft-authenticator';
import { attestationOptions, attestationResult } from './attestation';
import { assertionOptions, assertionResult } from './assertion';
import { unregisterPasskeys } from './unregister';
import { sessionInfoBinding } from './session-info';

const ORIGIN = 'https://login.acme.example';
const decoyKey = Buffer.alloc(32, 7);

let db: TDb;
let close: () => Promise<void>;
let tenantId: string;
let communityId: string;
let otherCommunityId: string;
let license: TLicenseDto;
let otherLicense: TLicenseDto;
let n = 0;

beforeAll(async () => {
  ({ db, close } = await openTestDb());
  const tenant = await createTenant({ db, input: { name: 'Acme' }, actor: 'test' });
  tenantId = tenant.id;
  const make = (name: string) => createCommunity({ db, input: { tenantId, name, rpId: 'acme.example', origins: [ORIGIN] }, actor: 'test' });
  communityId = (await make('Customers')).id;
  otherCommunityId = (await make('Staff')).id;
  license = (await createLicense({ db, input: { authLevel: 'app', communityIds: [communityId] }, actor: 'test' })).license;
  otherLicense = (await createLicense({ db, input: { authLevel: 'app', communityIds: [communityId] }, actor: 'test' })).license;
});
afterAll(() => close());

const target = () => ({ tenantId, communityId, dns: 'acme.example' });

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );
}

async function register(username = `user${++n}`) {
  const auth = createSoftAuthenticator();
  const opts = await attestationOptions({ db, license, payload: { ...target(), username } });
  const response = auth.register(opts, { origin: ORIGIN });
  const result = await attestationResult({ db, license, payload: { ...target(), ...response }, sessionInfo: opts.sessionInfo });
  return { auth, response, result, username };
}

describe('000 ceremonies through lib/passkeys', () => {
  it('registers, adds a passkey to the same username, and signs in', async () => {
    const first = await register();
    expect(first.result).toMatchObject({ status: 'ok', errorMessage: '', created: true, username: first.username });
    const second = await register(first.username);
    expect(second.result).toMatchObject({ sub: first.result.sub, created: false });

    const opts = await assertionOptions({ db, license, payload: { ...target(), username: first.username }, decoyKey });
    expect(opts.allowCredentials?.map((c) => c.id).sort()).toEqual([first.response.id, second.response.id].sort());
    const response = first.auth.authenticate(opts, { origin: ORIGIN });
    const result = await assertionResult({ db, license, payload: { ...target(), ...response }, sessionInfo: opts.sessionInfo });
    expect(result).toMatchObject({ sub: first.result.sub, status: 'ok', credentialId: first.response.id });
  });

  it('finds the user by dguid for sign-in options', async () => {
    const { result, response } = await register();
    await db.user.update({ where: { id: result.sub }, data: { dguid: 'dg-1' } });
    const opts = await assertionOptions({ db, license, payload: { ...target(), dguid: 'dg-1' }, decoyKey });
    expect(opts.allowCredentials?.map((c) => c.id)).toEqual([response.id]);
  });

  it('refuses another ceremony’s sessionInfo, another license, and a ceremony started by another surface', async () => {
    const auth = createSoftAuthenticator();
    const a = await attestationOptions({ db, license, payload: { ...target(), username: `user${++n}` } });
    const b = await attestationOptions({ db, license, payload: { ...target(), username: `user${++n}` } });
    expect(await codeOf(attestationResult({ db, license, payload: { ...target(), ...auth.register(a, { origin: ORIGIN }) }, sessionInfo: b.sessionInfo }))).toBe('passkeys.challenge_invalid');
    const c = await attestationOptions({ db, license, payload: { ...target(), username: `user${++n}` } });
    expect(await codeOf(attestationResult({ db, license: otherLicense, payload: { ...target(), ...auth.register(c, { origin: ORIGIN }) }, sessionInfo: c.sessionInfo }))).toBe(
      'passkeys.challenge_invalid',
    );
    // A hosted-page ceremony (no binding) can't be finished through 000.
    const { options } = await startRegistration({ db, communityId, signUp: { username: `user${++n}`, displayName: 'X' } });
    expect(await codeOf(attestationResult({ db, license, payload: { ...target(), ...auth.register(options, { origin: ORIGIN }) }, sessionInfo: a.sessionInfo }))).toBe(
      'passkeys.challenge_invalid',
    );
    expect(await codeOf(attestationResult({ db, license, payload: { ...target(), ...auth.register(a, { origin: ORIGIN }) }, sessionInfo: undefined }))).toBe('request.validation_failed');
  });

  it('checks license community, tenant and dns before anything else', async () => {
    const payload = { ...target(), username: `user${++n}` };
    expect(await codeOf(attestationOptions({ db, license, payload: { ...payload, communityId: otherCommunityId } }))).toBe('auth.forbidden');
    expect(await codeOf(attestationOptions({ db, license, payload: { ...payload, tenantId: 'nope' } }))).toBe('tenancy.community_not_found');
    expect(await codeOf(attestationOptions({ db, license, payload: { ...payload, dns: 'evil.example' } }))).toBe('request.validation_failed');
    expect(await codeOf(attestationOptions({ db, license, payload: { ...payload, dns: 'ACME.example.' } }))).toBeUndefined();
    expect(await codeOf(assertionOptions({ db, license, payload: { dns: 'acme.example' }, decoyKey }))).toBe('request.validation_failed');
    expect(() => sessionInfoBinding('short', license.id)).toThrow(expect.objectContaining({ code: 'request.validation_failed' }));
  });
});

describe('unregisterPasskeys', () => {
  it('removes by credential id, by user id (scoped) and answers passkeys.not_found otherwise', async () => {
    const a = await register();
    const b = await register(a.username);
    const other = await register();
    expect(await unregisterPasskeys({ db, license, communityId, identifier: a.response.id })).toMatchObject({ removed: 1 });
    expect(await codeOf(unregisterPasskeys({ db, license, communityId, identifier: a.response.id }))).toBe('passkeys.not_found');
    expect(await codeOf(unregisterPasskeys({ db, license, communityId, userId: other.result.sub, identifier: b.response.id }))).toBe('passkeys.not_found');
    expect(await codeOf(unregisterPasskeys({ db, license, communityId: otherCommunityId, identifier: b.response.id }))).toBe('auth.forbidden');
    expect(await unregisterPasskeys({ db, license, communityId, userId: a.result.sub, identifier: a.result.sub })).toMatchObject({ removed: 1 });
    expect(await db.passkey.count({ where: { userId: a.result.sub } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'passkeys.unregistered', communityId } })).toBe(2);
  });
});
