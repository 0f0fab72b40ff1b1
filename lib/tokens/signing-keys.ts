import crypto from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type JWK, type CryptoKey } from 'jose';
import type { TTx } from '../db';
import { seal, unseal } from '../crypto/seal';

export const DEFAULT_SIGNING_ALG = 'ES256';

function sealContext(kid: string): string {
  return `signing-key:${kid}`;
}

/**
 * Creates an active ES256 signing key for a community (or the service when communityId is null).
 * The public part is stored as a JWK for the JWKS; the PKCS#8 private key is sealed with the KEK.
 */
export async function createSigningKey(db: TTx, kek: Buffer, communityId: string | null): Promise<{ kid: string; publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(DEFAULT_SIGNING_ALG, { extractable: true });
  const kid = crypto.randomBytes(12).toString('base64url');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: DEFAULT_SIGNING_ALG, use: 'sig' };
  const pkcs8 = await exportPKCS8(privateKey);
  await db.signingKey.create({
    data: { kid, alg: DEFAULT_SIGNING_ALG, communityId, publicJwk, encryptedPrivateKey: seal(kek, Buffer.from(pkcs8), sealContext(kid)) },
  });
  return { kid, publicJwk };
}

/** Ensures the community has an active signing key; returns its kid. */
export async function ensureSigningKey(db: TTx, kek: Buffer, communityId: string | null): Promise<string> {
  const existing = await db.signingKey.findFirst({ where: { communityId, status: 'active' }, select: { kid: true } });
  if (existing) return existing.kid;
  return (await createSigningKey(db, kek, communityId)).kid;
}

/** Public JWKS of a community's signing keys (active and retired, so issued tokens still verify). */
export async function getJwks(db: TTx, communityId: string | null): Promise<{ keys: JWK[] }> {
  const rows = await db.signingKey.findMany({ where: { communityId }, select: { publicJwk: true }, orderBy: { createdAt: 'asc' } });
  return { keys: rows.map((r) => r.publicJwk as JWK) };
}

/** The active private key of a community, for signing. */
export async function loadActiveSigningKey(db: TTx, kek: Buffer, communityId: string | null): Promise<{ kid: string; alg: string; key: CryptoKey } | undefined> {
  const row = await db.signingKey.findFirst({ where: { communityId, status: 'active' }, orderBy: { createdAt: 'desc' } });
  if (!row) return undefined;
  const pem = unseal(kek, row.encryptedPrivateKey, sealContext(row.kid)).toString();
  return { kid: row.kid, alg: row.alg, key: await importPKCS8(pem, row.alg) };
}
