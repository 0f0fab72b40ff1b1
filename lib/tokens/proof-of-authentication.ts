import crypto from 'node:crypto';
import { SignJWT, jwtVerify, createLocalJWKSet, type JWTPayload } from 'jose';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { getJwks, loadActiveSigningKey } from './signing-keys';

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

// Imported private keys by kid. Keys are immutable once created, so this cache only saves the
// unseal + PKCS#8 import per token; it holds no request state.
const keyCache = new Map<string, Awaited<ReturnType<typeof loadActiveSigningKey>>>();

/**
 * Signs the `proof_of_authentication_jwt` (ES256, the community's active key, `kid` in the
 * header): who signed in, with which passkey, how (amr) and when.
 * @throws AppError `service.internal` when the community has no signing key
 */
export async function issueProofOfAuthentication(options: { db: TTx; kek: Buffer; issuer: string; claims: TProofClaims; now?: Date }): Promise<string> {
  const communityId = options.claims.community;
  const active = await options.db.signingKey.findFirst({ where: { communityId, status: 'active' }, orderBy: { createdAt: 'desc' }, select: { kid: true } });
  if (!active) throw new AppError('service.internal', { detail: `community ${communityId} has no signing key` });
  let key = keyCache.get(active.kid);
  if (!key) {
    key = await loadActiveSigningKey(options.db, options.kek, communityId);
    keyCache.set(active.kid, key);
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const { sub, ...rest } = options.claims;
  return new SignJWT({ ...rest } as JWTPayload)
    .setProtectedHeader({ alg: key!.alg, kid: key!.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setSubject(sub)
    .setAudience(options.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + PROOF_TTL_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(key!.key);
}

/**
 * Verifies a proof JWT against the community's JWKS.
 * @throws AppError `auth.unauthenticated` when the token is invalid, expired or from another issuer
 */
export async function verifyProofOfAuthentication(options: { db: TTx; token: string; issuer: string; communityId: string; now?: Date }): Promise<TProofClaims & JWTPayload> {
  const jwks = createLocalJWKSet(await getJwks(options.db, options.communityId));
  try {
    const { payload } = await jwtVerify(options.token, jwks, { issuer: options.issuer, audience: options.issuer, algorithms: ['ES256'], currentDate: options.now });
    return payload as TProofClaims & JWTPayload;
  } catch (e) {
    throw new AppError('auth.unauthenticated', { detail: (e as Error).message, cause: e });
  }
}
