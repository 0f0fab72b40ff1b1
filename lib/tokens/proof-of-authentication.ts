import type { JWTPayload } from 'jose';
import type { TTx } from '../db';
import { signCommunityJwt, verifyCommunityJwt } from './community-jwt';

export const PROOF_TTL_SECONDS = 300;

export type TProofClaims = {
  sub: string;
  username: string;
  community: string;
  tenant: string;
  amr: string[];
  auth_time: number;
  aaguid: string;
  cid: string;
};

/** Issuer of a community's tokens: `<origin>/c/<communityId>`. */
export function communityIssuer(origin: string, communityId: string): string {
  return `${origin}/c/${communityId}`;
}

/**
 * Signs the `proof_of_authentication_jwt` (ES256, the community's active key, `kid` in the
 * header): who signed in, with which passkey, how (amr) and when.
 */
export async function issueProofOfAuthentication(options: { db: TTx; kek: Buffer; issuer: string; claims: TProofClaims; now?: Date }): Promise<string> {
  const { sub, ...rest } = options.claims;
  return signCommunityJwt({
    db: options.db,
    kek: options.kek,
    communityId: options.claims.community,
    claims: { ...rest } as JWTPayload,
    issuer: options.issuer,
    subject: sub,
    audience: options.issuer,
    ttlSeconds: PROOF_TTL_SECONDS,
    now: options.now,
  });
}

/**
 * Verifies a proof JWT against the community's JWKS.
 * @throws AppError `auth.unauthenticated` when the token is invalid, expired or from another issuer
 */
export async function verifyProofOfAuthentication(options: { db: TTx; token: string; issuer: string; communityId: string; now?: Date }): Promise<TProofClaims & JWTPayload> {
  const payload = await verifyCommunityJwt({ db: options.db, token: options.token, communityId: options.communityId, issuer: options.issuer, audience: options.issuer, now: options.now });
  return payload as TProofClaims & JWTPayload;
}
