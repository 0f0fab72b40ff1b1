import { z } from 'zod';
import { ZDeviceInfo } from '../devices/record-device';
import { PASSKEY_NAME_MAX } from '../passkeys/passkey-dto';
import { TX_PAYLOAD_MAX } from '../transactions/start-transaction';
import { toBase64url } from './binary';

/**
 * Request bodies of the FIDO2 API 2.0 flows (OpenAPI `AuthInitRequestBody` …), checked at the edge
 * (CONVENTIONS.md §6) so that wrong types get a 400 before any use-case runs. Members the
 * documents define and Latchkey does not use (`trustItems`, `app.token`) are accepted and
 * ignored; unknown members are dropped. Field contents (usernames, credentials) are validated by
 * the shared use-cases.
 */

/** A binary field: unpadded base64url, or standard base64 (WIRE-NOTES §2); normalised to base64url. */
const binary = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .transform((value, ctx) => {
      const out = toBase64url(value);
      if (out === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be base64url or base64' });
        return z.NEVER;
      }
      return out;
    });

/** `session` of the complete calls (OpenAPI: at least 16 characters). */
export const ZSessionField = z.string().min(16).max(300);

/** OpenAPI `Application`: the caller names its application; `token` is not used. */
export const ZApplicationRef = z.object({ id: z.string().max(256), token: z.string().max(4096).optional() });

const ZUsernameType = z.enum(['email', 'phone', 'other']);
const ZTrustItems = z.record(z.string().max(64), z.string().max(1024)).optional();

export const ZAuthInitBody = z.object({
  app: ZApplicationRef,
  deviceInfo: ZDeviceInfo,
  user: z.object({ username: z.string().max(256), usernameType: ZUsernameType.optional() }).optional(),
  trustItems: ZTrustItems,
});

/** OpenAPI `AuthenticatorAssertionResponse`. */
export const ZAssertionResult = z.object({
  authenticatorData: binary(65536),
  clientDataJSON: binary(8192),
  credentialId: binary(1400),
  signature: binary(8192),
  userHandle: binary(256).nullish(),
});

export const ZAuthCompleteBody = z.object({ assertionResult: ZAssertionResult, session: ZSessionField });

/** OpenAPI `PasskeyOptions` (2025: `conditionalCreate`; 2026 adds `securityKey`). */
export const ZPasskeyOptions = z.object({ conditionalCreate: z.boolean().optional(), securityKey: z.boolean().optional() });

export const ZRegInitBody = z.object({
  app: ZApplicationRef,
  deviceInfo: ZDeviceInfo,
  passkeyOptions: ZPasskeyOptions.optional(),
  user: z.object({ username: z.string().max(256), displayName: z.string().max(256).optional(), usernameType: ZUsernameType.optional() }).optional(),
  trustItems: ZTrustItems,
});

const TRANSPORTS = ['usb', 'nfc', 'ble', 'internal', 'hybrid', 'cable', 'smart-card'] as const;

/** OpenAPI `CreationResult`. `publicKey` (DER SubjectPublicKeyInfo) is informative only. */
export const ZCreationResult = z.object({
  attestationObject: binary(65536),
  clientDataJSON: binary(8192),
  credentialId: binary(1400),
  authenticatorData: binary(65536).optional(),
  publicKey: binary(8192).nullish(),
  publicKeyAlgorithm: z.number().int().optional(),
  transports: z.array(z.enum(TRANSPORTS)).max(10).optional(),
});

export const ZRegCompleteBody = z.object({
  creationResult: ZCreationResult,
  session: ZSessionField,
  passkeyName: z.string().trim().min(1).max(PASSKEY_NAME_MAX).optional(),
});

export const ZTxInitBody = z.object({
  username: z.string().max(256),
  txType: z.string().trim().min(1).max(64),
  txPayload: z.string().min(1).max(TX_PAYLOAD_MAX),
  nonce: z.string().min(1).max(256),
  /** Not in the OpenAPI document: names the application when no Bearer token does (docs/fido2.md). */
  app: ZApplicationRef.optional(),
});

/** OpenAPI `TxCompleteRequestBody`: an assertion with the fields named as in U2F/FIDO UAF. */
export const ZTxCompleteBody = z.object({
  authenticatorData: binary(65536),
  clientData: binary(8192),
  keyHandle: binary(1400),
  signature: binary(8192),
  session: ZSessionField,
});
