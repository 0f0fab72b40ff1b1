import { z } from 'zod';

/**
 * Bodies of the 000 ceremony calls (spec 000 "Fido Registration", "Fido AuthN Authenticator" and
 * their u1 twins). The same JSON arrives in clear on `/u1/...` and as the decrypted `data` of the
 * enveloped calls. `tenantId`, `communityId` and `dns` travel next to the WebAuthn fields
 * (WIRE-NOTES §1). Unknown members are ignored: clients of that vendor send extra ones.
 */

const ZId = z.string().trim().min(1).max(200);
/** The relying party's domain; compared with the community's rpId. */
const ZDns = z.string().trim().min(1).max(253);

const ZTarget = {
  communityId: ZId,
  tenantId: ZId.optional(),
  dns: ZDns,
};

export const ZAttestationOptionsPayload = z.object({
  ...ZTarget,
  username: z.string().max(200),
  displayName: z.string().max(200).optional(),
  /** Accepted for compatibility; the community's attestation conveyance setting decides. */
  attestation: z.string().max(32).optional(),
});
export type TAttestationOptionsPayload = z.output<typeof ZAttestationOptionsPayload>;

export const ZAssertionOptionsPayload = z.object({
  ...ZTarget,
  username: z.string().max(200).optional(),
  displayName: z.string().max(200).optional(),
  dguid: z.string().max(200).optional(),
});
export type TAssertionOptionsPayload = z.output<typeof ZAssertionOptionsPayload>;

/**
 * A result body: the PublicKeyCredential JSON plus the target. Spec 000 names the extension
 * results `getClientExtensionResults` (the browser method's name); both spellings are accepted.
 * The credential itself is validated by the lib/passkeys schemas.
 */
export const ZResultPayload = z.looseObject({
  ...ZTarget,
  id: z.unknown(),
  rawId: z.unknown(),
  type: z.unknown(),
  response: z.unknown(),
  authenticatorAttachment: z.unknown().optional(),
  clientExtensionResults: z.unknown().optional(),
  getClientExtensionResults: z.unknown().optional(),
});
export type TResultPayload = z.output<typeof ZResultPayload>;

/** The PublicKeyCredential JSON (WebAuthn L3 §5.1 toJSON) that lib/passkeys verifies. */
export function toCredentialJson(payload: TResultPayload): Record<string, unknown> {
  const extensions = payload.clientExtensionResults ?? payload.getClientExtensionResults;
  const attachment = payload.authenticatorAttachment;
  return {
    id: payload.id,
    rawId: payload.rawId,
    type: payload.type,
    response: payload.response,
    ...(attachment === 'platform' || attachment === 'cross-platform' ? { authenticatorAttachment: attachment } : {}),
    clientExtensionResults: extensions && typeof extensions === 'object' && !Array.isArray(extensions) ? extensions : {},
  };
}
