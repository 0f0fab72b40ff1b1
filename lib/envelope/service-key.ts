import crypto from 'node:crypto';
import type { TTx } from '../db';
import { seal, unseal } from '../crypto/seal';

export type TEnvelopeCurve = 'secp256k1' | 'prime256v1';

const SEAL_CONTEXT = 'service-key-pair';

/**
 * A fresh envelope key pair (WIRE-NOTES §1): the public key on the wire is base64 of the 64-byte
 * X‖Y point (the uncompressed SEC1 point without its 0x04 prefix); the private key is the 32-byte
 * big-endian scalar.
 */
export function generateEnvelopeKeyPair(curve: TEnvelopeCurve): { publicKey: string; privateKey: Buffer } {
  const ecdh = crypto.createECDH(curve);
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().subarray(1).toString('base64'),
    privateKey: ecdh.getPrivateKey(),
  };
}

/** Creates the active service key pair when there is none; returns its public key. */
export async function ensureServiceKeyPair(db: TTx, kek: Buffer, curve: TEnvelopeCurve): Promise<string> {
  const existing = await db.serviceKeyPair.findFirst({ where: { active: true }, orderBy: { createdAt: 'desc' }, select: { publicKey: true } });
  if (existing) return existing.publicKey;
  const pair = generateEnvelopeKeyPair(curve);
  await db.serviceKeyPair.create({ data: { curve, publicKey: pair.publicKey, encryptedPrivateKey: seal(kek, pair.privateKey, SEAL_CONTEXT) } });
  return pair.publicKey;
}

/** The active service public key (what `/publickeys` serves), or undefined before bootstrap. */
export async function getServicePublicKey(db: TTx): Promise<string | undefined> {
  const row = await db.serviceKeyPair.findFirst({ where: { active: true }, orderBy: { createdAt: 'desc' }, select: { publicKey: true } });
  return row?.publicKey;
}

/** The active service key pair with its private key opened; for the envelope. */
export async function loadServiceKeyPair(db: TTx, kek: Buffer): Promise<{ curve: TEnvelopeCurve; publicKey: string; privateKey: Buffer } | undefined> {
  const row = await db.serviceKeyPair.findFirst({ where: { active: true }, orderBy: { createdAt: 'desc' } });
  if (!row) return undefined;
  return { curve: row.curve as TEnvelopeCurve, publicKey: row.publicKey, privateKey: unseal(kek, row.encryptedPrivateKey, SEAL_CONTEXT) };
}

const SERVICE_KEY_TTL_MS = 60_000;
let cachedPair: { at: number; pair: Awaited<ReturnType<typeof loadServiceKeyPair>> } | undefined;

/**
 * The active service key pair, kept in memory for a minute: it is read and unsealed on every
 * enveloped call otherwise. A rotated key is picked up within the minute (no request state).
 */
export async function loadServiceKeyPairCached(db: TTx, kek: Buffer, now: number = Date.now()): ReturnType<typeof loadServiceKeyPair> {
  if (cachedPair && now - cachedPair.at < SERVICE_KEY_TTL_MS && cachedPair.pair) return cachedPair.pair;
  const pair = await loadServiceKeyPair(db, kek);
  cachedPair = { at: now, pair };
  return pair;
}
