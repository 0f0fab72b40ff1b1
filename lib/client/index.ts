/**
 * Latchkey client SDK for Node.js: {@link createLatchkeyClient} for the spec 000 WebAuthn service
 * API (enveloped and `/u1`), {@link createMinimalApiClient} for the spec 001 minimal API. See
 * docs/client.md.
 */
export { errorFromProblem, errorFromWebauthnBody, LatchkeyApiError, LatchkeyProblemError, LatchkeyResponseError } from './errors';
export {
  createLatchkeyClient,
  unregisterPath,
  webauthnPath,
  type TLatchkeyCall,
  type TLatchkeyClient,
  type TLatchkeyClientOptions,
  type TLatchkeyResponse,
  type TPreparedRequest,
  type TPrepareOptions,
  type TWebauthnCalls,
} from './latchkey-client';
export { createMinimalApiClient, type TMinimalApiClient, type TMinimalApiClientOptions } from './minimal-client';
export type * from './types';
export { authHeaders, callerKeys, deriveSharedKey, newRequestId, openBody, sealBody, type TEnvelopeCurve, type TEnvelopeKeyPair, type TRequestId, type TWebauthnFamily } from './wire';
