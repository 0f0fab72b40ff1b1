import crypto from 'node:crypto';
import { expect } from 'vitest';
import { createApplication } from '../../lib/applications/create-application';
import type { TApplicationDto } from '../../lib/applications/application';
import type { TDb } from '../../lib/db';
import { ERROR_CATALOG, type TErrorCode } from '../../lib/errors';
import { createCommunity } from '../../lib/tenancy/create-community';
import { createSoftAuthenticator, type TSoftAuthenticator } from './soft-authenticator';
import { toCreationResult, type TAnswer, type TFido2Client } from './fido2-client';

/**
 * What the FIDO2 API 2.0 API tests share: applications on the test server's database, a
 * registered user, and the checks of a refusal (`{msg, msgCode}`, CORS headers, nothing changed).
 */

export const DEVICE = { clientName: 'Chrome', clientType: 'browser', clientVersion: '140.0.0.0', osName: 'Linux', osVersion: '6.1', screenWidth: 1280, screenHeight: 720 } as const;

export const uniqueName = (prefix = 'user') => `${prefix}-${crypto.randomBytes(5).toString('hex')}@example.com`;

/** The default community (rpId `localhost`, origin the server's) and a second community on the same rpId. */
export async function fido2World(db: TDb, baseUrl: string) {
  const main = await db.community.findFirstOrThrow({ where: { isDefault: true }, select: { id: true, tenantId: true, rpId: true } });
  expect(main.rpId).toBe('localhost');
  const tag = crypto.randomBytes(3).toString('hex');
  const app = await createApplication({ db, input: { communityId: main.id, name: `Shop ${tag}`, origins: [baseUrl] }, actor: 'test' });
  const closed = await createApplication({ db, input: { communityId: main.id, name: `Back office ${tag}`, origins: [baseUrl], allowSignUp: false }, actor: 'test' });
  const other = await createCommunity({ db, input: { tenantId: main.tenantId, name: `Partners ${tag}`, rpId: 'localhost', origins: [baseUrl] }, actor: 'test' });
  const foreign = await createApplication({ db, input: { communityId: other.id, name: `Partner shop ${tag}`, origins: [baseUrl] }, actor: 'test' });
  return { communityId: main.id, otherCommunityId: other.id, app, closed, foreign };
}

/** Signs a new user up through reg/init + reg/complete. */
export async function registerUser(client: TFido2Client, app: TApplicationDto, origin: string, over: { auth?: TSoftAuthenticator; username?: string } = {}) {
  const auth = over.auth ?? createSoftAuthenticator();
  const username = over.username ?? uniqueName();
  const init = await client.regInit({ app: { id: app.id }, deviceInfo: DEVICE, user: { username, displayName: 'Ada Lovelace', usernameType: 'email' } });
  expect(init.status, JSON.stringify(init.body)).toBe(200);
  const credential = auth.register(init.body.registrationRequestOptions, { origin });
  const done = await client.regComplete({ creationResult: toCreationResult(credential), session: init.body.session });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return { auth, username, credential, ...done.body };
}

/** A refusal in the 002 format: status, `{msg, msgCode}` (the catalog's message), no-store, readable cross-origin. */
export function expectFido2Error(res: TAnswer<unknown>, status: number, code: TErrorCode): void {
  expect({ status: res.status, msgCode: res.body?.msgCode }).toEqual({ status, msgCode: code });
  expect(Object.keys(res.body ?? {}).sort()).toEqual(['msg', 'msgCode']);
  if (code !== 'request.validation_failed') expect(res.body.msg).toBe(ERROR_CATALOG[code].message);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
}

/** Everything a FIDO2 API call could change in a community. */
export async function communityState(db: TDb, communityId: string) {
  const [users, passkeys, devices, transactions, ceremonies] = await Promise.all([
    db.user.findMany({ where: { communityId }, select: { id: true, username: true, status: true }, orderBy: { id: 'asc' } }),
    db.passkey.findMany({ where: { communityId }, select: { id: true, name: true, signCount: true, lastUsedAt: true, deviceId: true }, orderBy: { id: 'asc' } }),
    db.device.findMany({ where: { communityId }, select: { id: true, info: true, lastSeenAt: true }, orderBy: { id: 'asc' } }),
    db.transactionConfirmation.findMany({ where: { communityId }, select: { id: true, status: true, passkeyId: true, result: true }, orderBy: { id: 'asc' } }),
    db.ceremony.count({ where: { communityId } }),
  ]);
  return { users, passkeys, devices, transactions, ceremonies };
}
