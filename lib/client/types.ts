import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

/**
 * Payload and answer types of the Latchkey service APIs as the client SDK sees them. The WebAuthn
 * JSON shapes (options, credentials) are the standard `…JSON` forms (base64url), as produced and
 * consumed by `@simplewebauthn/browser` and `navigator.credentials` with `toJSON()`.
 */

export type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON };

// ---------------------------------------------------------------------------------------------
// Spec 000 (/webauthn, enveloped and /u1)
// ---------------------------------------------------------------------------------------------

/** Where a spec 000 call acts: the community, its tenant, and the relying party's domain (`dns`). */
export type TWebauthnTarget = { tenantId?: string; communityId: string; dns: string };

/** The `status`/`errorMessage` pair every spec 000 answer carries. */
export type TWebauthnStatus = { status: 'ok'; errorMessage: '' };

/** Starts a registration: `username` is created on first use, else a passkey is added to it. */
export type TAttestationOptionsRequest = TWebauthnTarget & { username: string; displayName?: string; attestation?: 'none' | 'indirect' | 'direct' | 'enterprise' | (string & {}) };

/** Registration options plus the `sessionInfo` that the result call must present. */
export type TAttestationOptions = PublicKeyCredentialCreationOptionsJSON & TWebauthnStatus & { sessionInfo: string };

/** Finishes a registration: the target and the authenticator's response. */
export type TAttestationResultRequest = TWebauthnTarget & RegistrationResponseJSON;

/** A registered passkey: `sub` is the user's id; `created` says whether the user is new. */
export type TAttestationResult = TWebauthnStatus & { sub: string; username: string; credentialId: string; aaguid: string; created: boolean };

/** Starts a sign-in; without `username` (or `dguid`) it is usernameless (discoverable credentials). */
export type TAssertionOptionsRequest = TWebauthnTarget & { username?: string; dguid?: string };

/** Sign-in options plus the `sessionInfo` that the result call must present. */
export type TAssertionOptions = PublicKeyCredentialRequestOptionsJSON & TWebauthnStatus & { sessionInfo: string };

/** Finishes a sign-in: the target and the authenticator's response. */
export type TAssertionResultRequest = TWebauthnTarget & AuthenticationResponseJSON;

/** A verified sign-in: `sub` is the user's id. */
export type TAssertionResult = TWebauthnStatus & { sub: string; username: string; credentialId: string; aaguid: string; userVerified: boolean };

/**
 * What to unregister in a community: `identifier` is a credential id (one passkey), a user id or a
 * dguid (all the user's passkeys); `userId` restricts the match to that user.
 */
export type TUnregisterRequest = { communityId: string; userId?: string; identifier: string };

/** How many passkeys were removed. */
export type TUnregisterResult = TWebauthnStatus & { removed: number };

// ---------------------------------------------------------------------------------------------
// Spec 001 (minimal WebAuthn API, X-Api-Key)
// ---------------------------------------------------------------------------------------------

/** Starts a registration; `userId` adds a passkey to that existing user (whose name is `userName`). */
export type TRegistrationRequest = { userName: string; userId?: string; userDisplayName?: string };

/** Registration options and the session the response call must carry. */
export type TRegistrationRequestResult = { publicKeyCredentialCreationOptions: PublicKeyCredentialCreationOptionsJSON; session: string };

/** Finishes a registration. */
export type TRegistrationResponse = { session: string; publicKeyCredential: RegistrationResponseJSON };

/** A verified registration. */
export type TRegistrationResponseResult = { verified: boolean; userId: string };

/** Starts a sign-in; without `userName` it is usernameless. */
export type TAuthenticationRequest = { userName?: string };

/** Sign-in options and the session the response call must carry. */
export type TAuthenticationRequestResult = { publicKeyCredentialRequestOptions: PublicKeyCredentialRequestOptionsJSON; session: string };

/** Finishes a sign-in. */
export type TAuthenticationResponse = { session: string; publicKeyCredential: AuthenticationResponseJSON };

/** A verified sign-in. */
export type TAuthenticationResponseResult = { verified: boolean; userId: string };
