import type { TTx } from '../db';
import { AppError } from '../errors';
import { findActiveApiKey } from '../apikeys/find-active-api-key';
import { APPLICATION_DTO_SELECT, toApplicationDto, type TApplicationDto } from '../applications/application';
import { verifyJwtAccess, type TFido2Scope, type TJwtAccessClaims } from '../tokens/jwt-access';

/** A FIDO2 API 2.0 end-user call: the holder of a valid jwtAccess token. */
export type TFido2UserCaller = {
  kind: 'user';
  token: TJwtAccessClaims;
  application: { id: string; communityId: string };
};

/** A FIDO2 API 2.0 management call: an API key of one application (WIRE-NOTES §2). */
export type TFido2ManagementCaller = {
  kind: 'management';
  apiKeyId: string;
  application: TApplicationDto;
};

/** Longest Authorization header considered; a jwtAccess is well under 2 kB. */
const MAX_AUTHORIZATION_LENGTH = 8192;

/** The credentials of an `Authorization: <scheme> <value>` header, or undefined. */
function credentialsOf(header: string | null, scheme: 'Bearer' | 'Basic'): string | undefined {
  if (!header || header.length > MAX_AUTHORIZATION_LENGTH) return undefined;
  const match = /^(\S+)\s+(\S+)\s*$/.exec(header);
  // RFC 9110 §11.1: the auth scheme is case-insensitive.
  if (!match || match[1]!.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return match[2];
}

/**
 * Authenticates an end-user call: `Authorization: Bearer <jwtAccess>` (ES256, our issuer, live
 * application) holding every scope in `scopes`. Without a token, or with a forged, expired or
 * foreign one, the caller is unauthenticated (401); a valid token without a needed scope is
 * forbidden (403) — it proves who the caller is, not that they may do this.
 * @throws AppError `auth.unauthenticated`, `tokens.insufficient_scope`
 */
export async function authenticateFido2User(options: {
  db: TTx;
  authorization: string | null;
  origin: string;
  scopes: readonly TFido2Scope[];
  now?: Date;
}): Promise<TFido2UserCaller> {
  const token = credentialsOf(options.authorization, 'Bearer');
  if (!token) throw new AppError('auth.unauthenticated', { detail: 'no Bearer token' });
  const claims = await verifyJwtAccess({ db: options.db, token, origin: options.origin, now: options.now });
  const missing = options.scopes.filter((s) => !claims.scopes.includes(s));
  if (missing.length > 0) throw new AppError('tokens.insufficient_scope', { detail: `token lacks ${missing.join(', ')}` });
  return { kind: 'user', token: claims, application: { id: claims.appId, communityId: claims.communityId } };
}

/**
 * Authenticates a management call: `Authorization: Basic base64("<api key>:")` — the key as user
 * name and an empty password (WIRE-NOTES §2; a password, if sent, is ignored). The key must be an
 * active key of an active application; a spec 001 key (no application) is refused like an
 * unknown one.
 * @throws AppError `auth.unauthenticated`
 */
export async function authenticateFido2Management(options: { db: TTx; authorization: string | null; now?: Date }): Promise<TFido2ManagementCaller> {
  const encoded = credentialsOf(options.authorization, 'Basic');
  if (!encoded) throw new AppError('auth.unauthenticated', { detail: 'no Basic credentials' });
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon === -1 ? decoded : decoded.slice(0, colon);
  const apiKey = await findActiveApiKey({ db: options.db, key, now: options.now });
  if (!apiKey) throw new AppError('auth.unauthenticated', { detail: 'unknown or revoked API key' });
  const row = await options.db.apiKey.findUnique({ where: { id: apiKey.id }, select: { application: { select: APPLICATION_DTO_SELECT } } });
  const app = row?.application;
  if (!app || app.status !== 'active') throw new AppError('auth.unauthenticated', { detail: `API key ${apiKey.id} is not a key of an active application` });
  return { kind: 'management', apiKeyId: apiKey.id, application: toApplicationDto(app) };
}
