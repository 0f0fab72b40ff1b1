import { decodeCBOR } from '@levischuck/tiny-cbor';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import {
  AUTH_DATA_FLAGS,
  COSE_ALG,
  createSoftAuthenticator,
  fromBase64Url,
  generateSoftCredential,
  generateSoftCredentials,
  SoftAuthenticatorError,
  toBase64Url,
  ZERO_AAGUID,
  type TAttestationFormat,
  type TCoseAlg,
  type TSoftAuthenticator,
} from './soft-authenticator';

const RP_ID = 'login.example.test';
const ORIGIN = 'https://login.example.test';
const AAGUID = 'b9a1e3c2-7d4f-4e8a-9c61-2f5d0e7a4b13';
const USER_ID = new TextEncoder().encode('user-0001');

function registrationOptions(overrides: Partial<Parameters<typeof generateRegistrationOptions>[0]> = {}) {
  return generateRegistrationOptions({ rpName: 'Latchkey test', rpID: RP_ID, userName: 'ada@example.test', userID: USER_ID, ...overrides });
}

async function verifyRegistration(response: Parameters<typeof verifyRegistrationResponse>[0]['response'], options: PublicKeyCredentialCreationOptionsJSON, extra: { expectedOrigin?: string; expectedRPID?: string } = {}) {
  return verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: extra.expectedOrigin ?? ORIGIN,
    expectedRPID: extra.expectedRPID ?? RP_ID,
  });
}

/** Registers a discoverable credential and returns what a server would store. */
async function enrol(auth: TSoftAuthenticator, fmt: TAttestationFormat = 'none'): Promise<WebAuthnCredential> {
  const options = await registrationOptions({ attestationType: fmt === 'packed' ? 'direct' : 'none' });
  const result = await verifyRegistration(auth.register(options, { origin: ORIGIN, fmt }), options);
  if (!result.verified) throw new Error('registration did not verify');
  return result.registrationInfo.credential;
}

const ALGS: [string, TCoseAlg][] = [
  ['ES256', COSE_ALG.ES256],
  ['EdDSA', COSE_ALG.EdDSA],
  ['RS256', COSE_ALG.RS256],
];
const FORMATS: TAttestationFormat[] = ['none', 'packed'];

describe.each(ALGS)('%s', (_name, alg) => {
  it.each(FORMATS)('registers with fmt=%s and signs in twice, counter incrementing', async (fmt) => {
    const auth = createSoftAuthenticator({ alg, aaguid: AAGUID, backupEligible: true, backupState: true });
    const options = await registrationOptions({ attestationType: fmt === 'packed' ? 'direct' : 'none' });
    const response = auth.register(options, { origin: ORIGIN, fmt });

    expect(response.response.publicKeyAlgorithm).toBe(alg);
    expect(response.response.transports).toEqual(['internal', 'hybrid']);
    const reg = await verifyRegistration(response, options);
    expect(reg.verified).toBe(true);
    if (!reg.verified) return;
    const info = reg.registrationInfo;
    expect(info.fmt).toBe(fmt);
    expect(info.aaguid).toBe(AAGUID);
    expect(info.credential.id).toBe(response.id);
    expect(info.credential.counter).toBe(0);
    expect(info.credentialDeviceType).toBe('multiDevice');
    expect(info.credentialBackedUp).toBe(true);
    expect(info.userVerified).toBe(true);
    expect(info.rpID).toBe(RP_ID);
    expect(Buffer.from(info.credential.publicKey)).toEqual(Buffer.from(auth.credentials[0]!.publicKey));
    const coseKey = decodeCBOR(info.credential.publicKey) as Map<number, unknown>;
    expect(coseKey.get(3)).toBe(alg);

    const stored = { ...info.credential };
    for (const expectedCounter of [1, 2]) {
      const request = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: stored.id }] });
      const assertion = auth.authenticate(request, { origin: ORIGIN });
      const auth1 = await verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: stored,
      });
      expect(auth1.verified).toBe(true);
      expect(auth1.authenticationInfo.newCounter).toBe(expectedCounter);
      expect(auth1.authenticationInfo.credentialBackedUp).toBe(true);
      expect(assertion.response.userHandle).toBe(options.user.id);
      stored.counter = auth1.authenticationInfo.newCounter;
    }
    expect(auth.credentials[0]!.counter).toBe(2);
  });

  it('rejects a tampered assertion signature (verified: false, no throw)', async () => {
    const auth = createSoftAuthenticator({ alg });
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const result = await verifyAuthenticationResponse({
      response: auth.authenticate(request, { origin: ORIGIN, tamperSignature: true }),
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
    });
    expect(result.verified).toBe(false);
  });

  it('rejects a tampered packed attestation signature (verified: false, no throw)', async () => {
    const auth = createSoftAuthenticator({ alg });
    const options = await registrationOptions({ attestationType: 'direct' });
    const result = await verifyRegistration(auth.register(options, { origin: ORIGIN, fmt: 'packed', tamperSignature: true }), options);
    expect(result.verified).toBe(false);
  });
});

describe('negative checks the library performs', () => {
  it('registration: wrong origin, wrong RP ID, wrong challenge, wrong type', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions();
    await expect(verifyRegistration(auth.register(options, { origin: 'https://evil.example' }), options)).rejects.toThrow(/origin/);
    await expect(verifyRegistration(auth.register(options, { origin: ORIGIN, rpId: 'evil.example' }), options)).rejects.toThrow(/RP ID/);
    await expect(verifyRegistration(auth.register(options, { origin: ORIGIN, challenge: 'AAAA' }), options)).rejects.toThrow(/challenge/);
    await expect(verifyRegistration(auth.register(options, { origin: ORIGIN, type: 'webauthn.get' }), options)).rejects.toThrow(/type/);
  });

  it('authentication: wrong origin, wrong RP ID, wrong challenge, missing UP, missing UV', async () => {
    const auth = createSoftAuthenticator();
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const verify = (overrides: Parameters<TSoftAuthenticator['authenticate']>[1]) =>
      verifyAuthenticationResponse({
        response: auth.authenticate(request, overrides),
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      });
    await expect(verify({ origin: 'https://evil.example' })).rejects.toThrow(/origin/);
    await expect(verify({ origin: ORIGIN, rpId: 'evil.example' })).rejects.toThrow(/RP ID/);
    await expect(verify({ origin: ORIGIN, challenge: 'AAAA' })).rejects.toThrow(/challenge/);
    await expect(verify({ origin: ORIGIN, flags: { up: false } })).rejects.toThrow(/not present/);
    await expect(verify({ origin: ORIGIN, userVerified: false })).rejects.toThrow(/verification/);
  });

  it('rejects BS without BE (§6.1.3) at registration', async () => {
    const auth = createSoftAuthenticator({ backupEligible: false, backupState: true });
    const options = await registrationOptions();
    await expect(verifyRegistration(auth.register(options, { origin: ORIGIN }), options)).rejects.toThrow(/backed up/);
  });
});

describe('credential selection and user handles', () => {
  it('answers a discoverable request with the last discoverable credential and its user handle', async () => {
    const auth = createSoftAuthenticator();
    await enrol(auth);
    const second = await registrationOptions({ userID: new TextEncoder().encode('user-0002'), userName: 'bob@example.test' });
    const reg = auth.register(second, { origin: ORIGIN });
    const assertion = auth.authenticate(await generateAuthenticationOptions({ rpID: RP_ID }), { origin: ORIGIN });
    expect(assertion.id).toBe(reg.id);
    expect(assertion.response.userHandle).toBe(second.user.id);
    expect(auth.authenticate(await generateAuthenticationOptions({ rpID: RP_ID }), { origin: ORIGIN, userHandle: null }).response.userHandle).toBeUndefined();
  });

  it('keeps non-discoverable credentials out of discoverable requests and omits their user handle', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions({ authenticatorSelection: { residentKey: 'discouraged' }, extensions: { credProps: true } });
    const reg = auth.register(options, { origin: ORIGIN });
    expect(reg.clientExtensionResults.credProps).toEqual({ rk: false });
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    expect(() => auth.authenticate(request, { origin: ORIGIN })).toThrow(SoftAuthenticatorError);
    const allowed = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: reg.id }] });
    const assertion = auth.authenticate(allowed, { origin: ORIGIN });
    expect(assertion.id).toBe(reg.id);
    expect(assertion.response.userHandle).toBeUndefined();
  });

  it('refuses to register over an excluded credential unless told to', async () => {
    const auth = createSoftAuthenticator();
    const credential = await enrol(auth);
    const options = await registrationOptions({ excludeCredentials: [{ id: credential.id }] });
    expect(() => auth.register(options, { origin: ORIGIN })).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    expect(auth.register(options, { origin: ORIGIN, ignoreExcludeCredentials: true }).id).not.toBe(credential.id);
  });

  it('picks the first supported algorithm from pubKeyCredParams', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions({ supportedAlgorithmIDs: [-36, COSE_ALG.RS256, COSE_ALG.ES256] });
    expect(auth.register(options, { origin: ORIGIN }).response.publicKeyAlgorithm).toBe(COSE_ALG.RS256);
    const none = await registrationOptions({ supportedAlgorithmIDs: [-36] });
    expect(() => auth.register(none, { origin: ORIGIN })).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
  });
});

describe('counters', () => {
  it("counter: 'zero' always reports 0, which the library accepts while the stored counter is 0", async () => {
    const auth = createSoftAuthenticator({ counter: 'zero' });
    const credential = await enrol(auth);
    for (let i = 0; i < 2; i++) {
      const request = await generateAuthenticationOptions({ rpID: RP_ID });
      const result = await verifyAuthenticationResponse({
        response: auth.authenticate(request, { origin: ORIGIN }),
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      });
      expect(result.authenticationInfo.newCounter).toBe(0);
    }
  });

  it('rejects a counter that does not increase once one was seen; the override is one-off', async () => {
    const auth = createSoftAuthenticator();
    const credential = { ...(await enrol(auth)), counter: 5 };
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const verify = (counter?: number) =>
      verifyAuthenticationResponse({
        response: auth.authenticate(request, { origin: ORIGIN, counter }),
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential,
      });
    await expect(verify(5)).rejects.toThrow(/counter/);
    await expect(verify(0)).rejects.toThrow(/counter/); // a synced passkey reporting 0 after a non-zero counter
    expect((await verify(6)).verified).toBe(true);
    expect(auth.credentials[0]!.counter).toBe(3); // three assertions made; overrides did not change it
  });
});

describe('crossOrigin / topOrigin handling in @simplewebauthn/server v14', () => {
  async function setup() {
    const auth = createSoftAuthenticator();
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const verify = (extra: { crossOrigin?: boolean; topOrigin?: string }, expectedTopOrigin?: string) =>
      verifyAuthenticationResponse({
        response: auth.authenticate(request, { origin: ORIGIN, ...extra }),
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        expectedTopOrigin,
        credential,
      });
    return { auth, verify };
  }

  it('authentication: crossOrigin without topOrigin passes unchecked; topOrigin must be expected', async () => {
    const { verify } = await setup();
    expect((await verify({ crossOrigin: true })).verified).toBe(true);
    await expect(verify({ crossOrigin: true, topOrigin: 'https://embedder.example' })).rejects.toThrow(/expectedTopOrigin/);
    expect((await verify({ crossOrigin: true, topOrigin: 'https://embedder.example' }, 'https://embedder.example')).verified).toBe(true);
    await expect(verify({ crossOrigin: true, topOrigin: 'https://other.example' }, 'https://embedder.example')).rejects.toThrow(/top origin/);
    await expect(verify({ crossOrigin: false, topOrigin: 'https://embedder.example' }, 'https://embedder.example')).rejects.toThrow(/non-cross-origin/);
  });

  it('registration: crossOrigin and topOrigin are not checked at all', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions();
    const response = auth.register(options, { origin: ORIGIN, crossOrigin: true, topOrigin: 'https://embedder.example' });
    const clientData = JSON.parse(Buffer.from(fromBase64Url(response.response.clientDataJSON)).toString('utf8'));
    expect(clientData).toEqual({ type: 'webauthn.create', challenge: options.challenge, origin: ORIGIN, crossOrigin: true, topOrigin: 'https://embedder.example' });
    expect((await verifyRegistration(response, options)).verified).toBe(true);
  });
});

describe('packed self attestation quirks in @simplewebauthn/server v14', () => {
  it('does not check that attStmt.alg matches the credential key alg (§8.2 verification step 2.1)', async () => {
    const auth = createSoftAuthenticator({ alg: COSE_ALG.ES256 });
    const options = await registrationOptions({ attestationType: 'direct' });
    // RS256 also hashes with SHA-256, so the ES256 signature still verifies under the mislabelled alg.
    const result = await verifyRegistration(auth.register(options, { origin: ORIGIN, fmt: 'packed', attestationAlg: COSE_ALG.RS256 }), options);
    expect(result.verified).toBe(true);
  });

  it('reports self attestation exactly like none: nothing in registrationInfo tells them apart but fmt', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions({ attestationType: 'direct' });
    const result = await verifyRegistration(auth.register(options, { origin: ORIGIN, fmt: 'packed' }), options);
    expect(result.verified && Object.keys(result.registrationInfo)).not.toContain('attestationType');
  });
});

describe('checks @simplewebauthn/server v14 leaves to the caller', () => {
  it('verifyAuthenticationResponse does not compare response.id with credential.id', async () => {
    const auth = createSoftAuthenticator();
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const response = { ...auth.authenticate(request, { origin: ORIGIN }), id: 'c29tZW9uZS1lbHNl', rawId: 'c29tZW9uZS1lbHNl' };
    const result = await verifyAuthenticationResponse({ response, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential });
    expect(result.verified).toBe(true);
  });

  it('accepts a BE flag that changed since registration (§7.2 step 18 is the RP’s job)', async () => {
    const auth = createSoftAuthenticator({ backupEligible: false });
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const result = await verifyAuthenticationResponse({
      response: auth.authenticate(request, { origin: ORIGIN, flags: { be: true, bs: true } }),
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
    });
    expect(result.verified && result.authenticationInfo.credentialDeviceType).toBe('multiDevice');
  });

  it('verifyRegistrationResponse skips the RP ID hash check when expectedRPID is omitted', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions();
    const result = await verifyRegistrationResponse({
      response: auth.register(options, { origin: ORIGIN, rpId: 'evil.example' }),
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
    });
    expect(result.verified).toBe(true);
  });
});

describe('tampering hooks', () => {
  it('signs mutated authenticator data, so only the mutation is wrong', async () => {
    const auth = createSoftAuthenticator();
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const response = auth.authenticate(request, {
      origin: ORIGIN,
      mutateAuthenticatorData: (bytes) => new Uint8Array([...bytes, 0x00]),
    });
    await expect(
      verifyAuthenticationResponse({ response, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential }),
    ).rejects.toThrow(/Leftover bytes/);
  });

  it('writes extension outputs with the ED flag and lets client data be rewritten', async () => {
    const auth = createSoftAuthenticator();
    const credential = await enrol(auth);
    const request = await generateAuthenticationOptions({ rpID: RP_ID });
    const response = auth.authenticate(request, {
      origin: ORIGIN,
      extensions: new Map([['credProtect', 2]]),
      mutateClientData: (data) => ({ ...data, tokenBinding: { status: 'present', id: 'AAAA' } }),
    });
    const authData = fromBase64Url(response.response.authenticatorData);
    expect(authData[32]! & AUTH_DATA_FLAGS.ED).toBe(AUTH_DATA_FLAGS.ED);
    const result = await verifyAuthenticationResponse({ response, expectedChallenge: request.challenge, expectedOrigin: ORIGIN, expectedRPID: RP_ID, credential });
    expect(result.verified).toBe(true);
    expect(result.authenticationInfo.authenticatorExtensionResults).toEqual({ credProtect: 2 });
  });
});

describe('export, import and bulk generation', () => {
  it('moves a credential to another authenticator and keeps signing with the registered key', async () => {
    const first = createSoftAuthenticator({ alg: COSE_ALG.EdDSA });
    const credential = await enrol(first);
    const exported = JSON.parse(JSON.stringify(first.exportCredential(credential.id)));
    expect(exported.publicKey).toBe(toBase64Url(credential.publicKey));

    const second = createSoftAuthenticator().importCredential(exported);
    const request = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: credential.id }] });
    const result = await verifyAuthenticationResponse({
      response: second.authenticate(request, { origin: ORIGIN }),
      expectedChallenge: request.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
    });
    expect(result.verified).toBe(true);
    expect(second.credentials[0]!.counter).toBe(1);
  });

  it('mints credentials without a ceremony that verify against their exported COSE key', async () => {
    const minted = [
      generateSoftCredential({ rpId: RP_ID, userHandle: 'dXNlcg', backupEligible: true }),
      ...(await generateSoftCredentials(20, (i) => ({ rpId: RP_ID, userName: `user${i}`, alg: i % 2 ? COSE_ALG.EdDSA : COSE_ALG.ES256 }))),
    ];
    expect(new Set(minted.map((c) => c.id)).size).toBe(21);
    const auth = createSoftAuthenticator().importCredentials(minted);
    for (const c of [minted[0]!, minted[20]!]) {
      const request = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [{ id: c.id }] });
      const assertion = auth.authenticate(request, { origin: ORIGIN });
      const result = await verifyAuthenticationResponse({
        response: assertion,
        expectedChallenge: request.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: { id: c.id, publicKey: fromBase64Url(c.publicKey), counter: c.counter },
      });
      expect(result.verified).toBe(true);
      expect(assertion.response.userHandle).toBe(c.userHandle);
    }
    expect(minted[0]!.backupEligible).toBe(true);
  });

  it('defaults to the zero AAGUID and single-device flags', async () => {
    const auth = createSoftAuthenticator();
    const options = await registrationOptions();
    const result = await verifyRegistration(auth.register(options, { origin: ORIGIN }), options);
    expect(result.verified && result.registrationInfo.aaguid).toBe(ZERO_AAGUID);
    expect(result.verified && result.registrationInfo.credentialDeviceType).toBe('singleDevice');
  });
});
