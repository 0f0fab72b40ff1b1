import crypto from 'node:crypto';

/** A random secret for links and keys: 32 bytes, base64url (256 bits). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 hex of a high-entropy secret (license keys, API keys, session and setup tokens). A fast
 * hash is right here: the secrets are random 256-bit values, not passwords, so there is nothing to
 * brute-force, and lookups by hash stay O(1) on a unique index.
 */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A purpose-bound subkey of the key-encryption key (HKDF-SHA256, RFC 5869). */
export function deriveKey(kek: Buffer, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', kek, Buffer.alloc(0), `latchkey:${purpose}`, 32));
}
