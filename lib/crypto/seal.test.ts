import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './seal';
import { loadKeyEncryptionKey } from './kek';
import { hashSecret, randomToken } from './tokens';

const kek = crypto.randomBytes(32);

describe('seal / unseal', () => {
  it('round-trips and never leaves the plaintext visible', () => {
    const secret = Buffer.from('private scalar bytes');
    const sealed = seal(kek, secret, 'ctx');
    expect(Buffer.from(sealed, 'base64').includes(secret)).toBe(false);
    expect(unseal(kek, sealed, 'ctx')).toEqual(secret);
    expect(seal(kek, secret, 'ctx')).not.toBe(sealed); // fresh IV each time
  });

  it('refuses another key, another context or altered bytes', () => {
    const sealed = seal(kek, Buffer.from('x'), 'ctx');
    expect(() => unseal(crypto.randomBytes(32), sealed, 'ctx')).toThrow();
    expect(() => unseal(kek, sealed, 'other')).toThrow();
    const raw = Buffer.from(sealed, 'base64');
    raw[13]! ^= 1;
    expect(() => unseal(kek, raw.toString('base64'), 'ctx')).toThrow();
    expect(() => unseal(kek, 'AAAA', 'ctx')).toThrow(/too short/);
  });
});

describe('loadKeyEncryptionKey', () => {
  it('prefers the configured key', () => {
    const k = crypto.randomBytes(32);
    expect(loadKeyEncryptionKey({ kekFromEnv: k, dataDir: '/nonexistent' })).toBe(k);
  });

  it('generates a key file once (mode 0600) and reads the same key back', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kek-')), 'nested');
    const first = loadKeyEncryptionKey({ kekFromEnv: undefined, dataDir: dir });
    expect(first).toHaveLength(32);
    expect(fs.statSync(path.join(dir, 'kek.key')).mode & 0o777).toBe(0o600);
    expect(loadKeyEncryptionKey({ kekFromEnv: undefined, dataDir: dir })).toEqual(first);
  });

  it('refuses a damaged key file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kek-'));
    fs.writeFileSync(path.join(dir, 'kek.key'), 'c2hvcnQ=\n');
    expect(() => loadKeyEncryptionKey({ kekFromEnv: undefined, dataDir: dir })).toThrow(/32-byte/);
  });
});

describe('tokens', () => {
  it('makes distinct 256-bit tokens and stable hashes', () => {
    const a = randomToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(a);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(a)).toBe(hashSecret(a));
  });
});
