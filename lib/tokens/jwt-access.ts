import { decodeJwt, type JWK } from 'jose';
import { z } from 'zod';
import type { TTx } from '../db';
import { AppError } from '../errors';
import { communityIssuer } from './proof-of-authentication';
import { signCommunityJwt, verifyCommunityJwt } from './community-jwt';

/** The grants of the FIDO2 API 2.0 (WIRE-NOTES §2, OpenAPI `mgmt/grant`). */
export const FIDO2_SCOPES = ['passkey:read', 'passkey:write', 'profile:read', 'profile:write', 'reg:write', 'auth:write'] as const;
export type TFido2Scope = (typeof FIDO2_SCOPES)[number];
export const ZFido2Scope = z.enum(FIDO2_SCOPES);

/** Scopes of the token a completed passkey sign-in or registration returns. */
export const SIGNED_IN_SCOPES: TFido2Scope[] = ['passkey:read', 'passkey:write', 'profile:read', 'profile:write', 'reg:write', 'auth:write'];

export const JWT_ACCESS_TYPE = 'jwtAccess';
/** Where a token's holder can have it checked (WIRE-NOTES §2 `verify` claim). */
export const JWT_ACCESS_VERIFY_PATH = '/fido2/v2/mgmt/token/verify';

export type TJwtAccessClaims = {
  /** Application id (`aud`). */
  appId: string;
  communityId: string;
  /** User id (`sub`). */
  sub: string;
  username: string;
  /** Credential id (base64url) of the passkey used, when a passkey was used. */
  credId?: string;
  scopes: TFido2Scope[];
  iat: number;
  exp: number;
};

/**
 * Issues a jwtAccess token (WIRE-NOTES §2): ES256 with the community's signing key (JWKS at
 * /fido2/v2/.well-known/jwks.json), `aud` = the application, `sub` = the user, the granted
 * `scopes`, and `tokenType: "jwtAccess"`. The lifetime is the application's `tokenTtlSeconds`.
 * A community gets its signing key with its first token (only the default community's is made
 * at bootstrap); two first tokens at once may make two keys, which is harmless: both are
 * published.
 */
export async function issueJwtAccess(options: {
  db: TTx;
  kek: Buffer;
  origin: string;
  app: { id: string; communityId: string; tokenTtlSeconds: number };
  user: { id: string; username: string };
  credId?: string;
  scopes: readonly TFido2Scope[];
  /** Extra claims (e.g. txHash/nonce/lNonce of a transaction confirmation). */
  extra?: Record<string, unknown>;
  now?: Date;
}): Promise<string> {
  const { app } = options;
  return signCommunityJwt({
    db: options.db,
    kek: options.kek,
    communityId: app.communityId,
    claims: {
      ...(options.extra ?? {}),
      username: options.user.username,
      ...(options.credId ? { credID: options.credId } : {}),
      scopes: [...new Set(options.scopes)],
      tokenType: JWT_ACCESS_TYPE,
      verify: JWT_ACCESS_VERIFY_PATH,
    },
    issuer: communityIssuer(options.origin, app.communityId),
    subject: options.user.id,
    audience: app.id,
    ttlSeconds: app.tokenTtlSeconds,
    now: options.now,
  });
}

const ZClaims = z.object({
  aud: z.string().min(1),
  sub: z.string().min(1),
  username: z.string(),
  credID: z.string().optional(),
  scopes: z.array(ZFido2Scope),
  tokenType: z.literal(JWT_ACCESS_TYPE),
  iat: z.number(),
  exp: z.number(),
});

/**
 * Verifies a jwtAccess token: signature by its community's key, issuer, expiry, `tokenType`, and
 * that its application still exists and is active. Pass `appId` to also require that the token
 * was issued to that application (a token of another application is refused).
 * @throws AppError `auth.unauthenticated` (malformed, forged, expired, other issuer or application)
 */
export async function verifyJwtAccess(options: { db: TTx; token: string; origin: string; appId?: string; now?: Date }): Promise<TJwtAccessClaims & { raw: Record<string, unknown> }> {
  let aud: unknown;
  try {
    aud = decodeJwt(options.token).aud;
  } catch (e) {
    throw new AppError('auth.unauthenticated', { detail: 'jwtAccess is not a JWT', cause: e });
  }
  if (typeof aud !== 'string' || aud.length > 128) throw new AppError('auth.unauthenticated', { detail: 'jwtAccess without a single audience' });
  if (options.appId !== undefined && aud !== options.appId) throw new AppError('auth.unauthenticated', { detail: `jwtAccess of application ${aud}, not ${options.appId}` });
  const app = await options.db.application.findFirst({ where: { id: aud, status: 'active' }, select: { id: true, communityId: true } });
  if (!app) throw new AppError('auth.unauthenticated', { detail: `jwtAccess of unknown or disabled application ${aud}` });
  const payload = await verifyCommunityJwt({
    db: options.db,
    token: options.token,
    communityId: app.communityId,
    issuer: communityIssuer(options.origin, app.communityId),
    audience: app.id,
    now: options.now,
  });
  const claims = ZClaims.safeParse(payload);
  if (!claims.success) throw new AppError('auth.unauthenticated', { detail: 'jwtAccess claims malformed' });
  const c = claims.data;
  return { appId: app.id, communityId: app.communityId, sub: c.sub, username: c.username, credId: c.credID, scopes: c.scopes, iat: c.iat, exp: c.exp, raw: payload as Record<string, unknown> };
}

/**
 * The JWKS of `/fido2/v2/.well-known/jwks.json`: the public keys of every community that has an
 * active application, i.e. every key a live jwtAccess can be signed with (active and retired
 * keys, so issued tokens keep verifying until they expire). Key ids are unique across the
 * service, so a verifier picks the key by the token's `kid`; it must still check `iss` and `aud`
 * (its application id), since one document serves every application.
 */
export async function getJwtAccessJwks(options: { db: TTx }): Promise<{ keys: Array<JWK & { key_ops: string[] }> }> {
  const rows = await options.db.signingKey.findMany({
    where: { community: { applications: { some: { status: 'active' } } } },
    select: { publicJwk: true },
    orderBy: [{ createdAt: 'asc' }, { kid: 'asc' }],
  });
  return { keys: rows.map((r) => ({ ...(r.publicJwk as JWK), key_ops: ['verify'] })) };
}
