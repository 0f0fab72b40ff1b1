import crypto from 'node:crypto';
import { SignJWT, jwtVerify, createLocalJWKSet, type JWTPayload } from 'jose';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { ensureSigningKey, getJwks, loadActiveSigningKey } from './signing-keys';

// Imported private keys by kid. Keys are immutable once created, so this cache only saves the
// unseal + PKCS#8 import per token; it holds no request state.
const keyCache = new Map<string, Awaited<ReturnType<typeof loadActiveSigningKey>>>();

/**
 * Signs a JWT with the community's active signing key (ES256, `kid` and `typ` in the header):
 * the one place every token type of a community (proof of authentication, jwtAccess …) is made.
 * A community without a key yet (created by the CLI or the console after the first run) gets one
 * here, on its first token; its JWKS lists it from then on.
 */
export async function signCommunityJwt(options: {
  db: TTx;
  kek: Buffer;
  communityId: string;
  claims: JWTPayload;
  issuer: string;
  subject: string;
  audience: string;
  ttlSeconds: number;
  typ?: string;
  now?: Date;
}): Promise<string> {
  const { db, communityId } = options;
  const active = await db.signingKey.findFirst({ where: { communityId, status: 'active' }, orderBy: { createdAt: 'desc' }, select: { kid: true } });
  const kid = active?.kid ?? (await ensureSigningKey(db, options.kek, communityId));
  let key = keyCache.get(kid);
  if (!key) {
    key = await loadActiveSigningKey(db, options.kek, communityId);
    keyCache.set(kid, key);
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT(options.claims)
    .setProtectedHeader({ alg: key!.alg, kid: key!.kid, typ: options.typ ?? 'JWT' })
    .setIssuer(options.issuer)
    .setSubject(options.subject)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds)
    .setJti(crypto.randomUUID())
    .sign(key!.key);
}

/**
 * Verifies a JWT against the community's JWKS (active and retired keys), its issuer, audience,
 * expiry and algorithm (ES256 only: `alg: none` and HMAC confusion are refused by jose).
 * @throws AppError `auth.unauthenticated` when the token is invalid, expired or not for this issuer/audience
 */
export async function verifyCommunityJwt(options: { db: TTx; token: string; communityId: string; issuer: string; audience: string; typ?: string; now?: Date }): Promise<JWTPayload> {
  const jwks = createLocalJWKSet(await getJwks(options.db, options.communityId));
  try {
    const { payload } = await jwtVerify(options.token, jwks, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['ES256'],
      currentDate: options.now,
      ...(options.typ ? { typ: options.typ } : {}),
    });
    return payload;
  } catch (e) {
    throw new AppError('auth.unauthenticated', { detail: (e as Error).message, cause: e });
  }
}
