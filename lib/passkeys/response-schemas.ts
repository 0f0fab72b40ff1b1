import { z } from 'zod';

const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const b64url = (max: number) => z.string().max(max).regex(B64URL, 'must be base64url');

/** PublicKeyCredential JSON (WebAuthn L3 §5.1 toJSON) with bounded sizes, around a response. */
function credential<R extends z.ZodType>(response: R) {
  return z.object({
    id: b64url(1400).min(1),
    rawId: b64url(1400).min(1),
    type: z.literal('public-key'),
    response,
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  });
}

/** RegistrationResponseJSON. */
export const ZRegistrationResponse = credential(
  z
    .object({
      clientDataJSON: b64url(8192),
      attestationObject: b64url(65536),
      transports: z.array(z.string().max(32)).max(10).optional(),
      publicKeyAlgorithm: z.number().optional(),
      publicKey: b64url(8192).optional(),
      authenticatorData: b64url(65536).optional(),
    })
    .loose(),
);

/** AuthenticationResponseJSON. */
export const ZAuthenticationResponse = credential(
  z
    .object({
      clientDataJSON: b64url(8192),
      authenticatorData: b64url(65536),
      signature: b64url(8192),
      userHandle: b64url(256).nullish().transform((v) => v ?? undefined),
    })
    .loose(),
);
