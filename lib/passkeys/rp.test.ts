import { describe, expect, it } from 'vitest';
import { assertAaguidAllowed, toBlocklist, type TRpSettings } from './rp';
import { assertCrossOriginAllowed, readClientData } from './client-data';

const A = 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd';
const B = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';

function rp(over: Partial<TRpSettings> = {}): TRpSettings {
  return {
    communityId: 'c', tenantId: 't', rpId: 'example.com', rpName: 'Ex', origins: ['https://example.com'], userVerification: 'preferred', attestation: 'none',
    algorithms: [-7], timeoutMs: 60000, allowCrossOrigin: false, allowedTopOrigins: [],
    aaguidPolicy: { registration: { mode: 'any', aaguids: [] }, authentication: { mode: 'any', aaguids: [] }, blocklist: [] },
    ...over,
  };
}

describe('assertAaguidAllowed', () => {
  it('allows anything by default', () => {
    expect(() => assertAaguidAllowed(rp(), 'registration', A)).not.toThrow();
  });
  it('enforces deny and allow lists per ceremony kind', () => {
    const r = rp({ aaguidPolicy: { registration: { mode: 'deny', aaguids: [A] }, authentication: { mode: 'allow', aaguids: [B] }, blocklist: [] } });
    expect(() => assertAaguidAllowed(r, 'registration', A.toUpperCase())).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed', status: 403 }));
    expect(() => assertAaguidAllowed(r, 'registration', B)).not.toThrow();
    expect(() => assertAaguidAllowed(r, 'authentication', B)).not.toThrow();
    expect(() => assertAaguidAllowed(r, 'authentication', A)).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed' }));
  });
});

describe('assertAaguidAllowed with the blocklist', () => {
  const at = '2026-11-01T00:00:00.000Z';
  const r = rp({
    aaguidPolicy: {
      registration: { mode: 'any', aaguids: [] },
      authentication: { mode: 'any', aaguids: [] },
      blocklist: [
        { aaguid: A, reg: true, auth: false, updatedAt: at },
        { aaguid: B, reg: false, auth: true, updatedAt: at },
      ],
    },
  });
  it('refuses a registration only when the entry blocks reg, in any case of the AAGUID', () => {
    expect(() => assertAaguidAllowed(r, 'registration', A.toUpperCase())).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed', status: 403 }));
    expect(() => assertAaguidAllowed(r, 'registration', B)).not.toThrow();
  });
  it('refuses a sign-in only when the entry blocks auth', () => {
    expect(() => assertAaguidAllowed(r, 'authentication', B)).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed' }));
    expect(() => assertAaguidAllowed(r, 'authentication', A)).not.toThrow();
  });
  it('adds to an allow rule: a listed model that is blocked is still refused', () => {
    const both = rp({ aaguidPolicy: { registration: { mode: 'allow', aaguids: [A] }, authentication: { mode: 'any', aaguids: [] }, blocklist: [{ aaguid: A, reg: true, auth: true, updatedAt: at }] } });
    expect(() => assertAaguidAllowed(both, 'registration', A)).toThrow(expect.objectContaining({ code: 'passkeys.authenticator_not_allowed' }));
  });
});

describe('toBlocklist', () => {
  it('reads stored entries lower-cased and drops malformed ones', () => {
    expect(toBlocklist([{ aaguid: A.toUpperCase(), reg: true, auth: 'yes', updatedAt: 'x' }, { aaguid: 'nope', reg: true }, null, 'x'])).toEqual([{ aaguid: A, reg: true, auth: false, updatedAt: 'x' }]);
    expect(toBlocklist(undefined)).toEqual([]);
    expect(toBlocklist({})).toEqual([]);
  });
});

const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('readClientData', () => {
  it('reads type, challenge and origin', () => {
    expect(readClientData(enc({ type: 'webauthn.get', challenge: 'abc', origin: 'https://example.com' }))).toMatchObject({ challenge: 'abc' });
  });
  it.each([[undefined], [42], ['%%%'], [enc({ type: 'webauthn.get' })], ['x'.repeat(9000)]])('rejects %j with passkeys.verification_failed', (value) => {
    expect(() => readClientData(value)).toThrow(expect.objectContaining({ code: 'passkeys.verification_failed' }));
  });
});

describe('assertCrossOriginAllowed', () => {
  const base = { type: 'webauthn.get', challenge: 'c', origin: 'https://example.com' };
  it('accepts same-origin ceremonies', () => {
    expect(() => assertCrossOriginAllowed(rp(), { ...base, crossOrigin: false })).not.toThrow();
  });
  it('refuses crossOrigin or a topOrigin unless the community allows them', () => {
    expect(() => assertCrossOriginAllowed(rp(), { ...base, crossOrigin: true })).toThrow(expect.objectContaining({ code: 'passkeys.verification_failed' }));
    expect(() => assertCrossOriginAllowed(rp(), { ...base, topOrigin: 'https://evil.example' })).toThrow(expect.objectContaining({ code: 'passkeys.verification_failed' }));
  });
  it('accepts only listed top origins when cross-origin is allowed', () => {
    const r = rp({ allowCrossOrigin: true, allowedTopOrigins: ['https://shop.example'] });
    expect(() => assertCrossOriginAllowed(r, { ...base, crossOrigin: true, topOrigin: 'https://shop.example' })).not.toThrow();
    expect(() => assertCrossOriginAllowed(r, { ...base, crossOrigin: true, topOrigin: 'https://evil.example' })).toThrow(expect.objectContaining({ code: 'passkeys.verification_failed' }));
  });
});
