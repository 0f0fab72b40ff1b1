import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TConfig } from '../config';

const KEK_FILE = 'kek.key';
const loaded = new Map<string, Buffer>();

/**
 * The key-encryption key that protects private keys at rest. Taken from LATCHKEY_KEK when set;
 * otherwise read from `<dataDir>/kek.key`, generated there (mode 0600) on the first run of the
 * embedded default. Losing this file makes the stored private keys unreadable.
 */
export function loadKeyEncryptionKey(config: Pick<TConfig, 'kekFromEnv' | 'dataDir'>): Buffer {
  if (config.kekFromEnv) return config.kekFromEnv;
  const file = path.join(config.dataDir, KEK_FILE);
  // The key file never changes once written: read it once per process, not on every request.
  const known = loaded.get(file);
  if (known) return known;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      // 'wx' fails if another process created it first; then we read theirs.
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  loaded.set(file, key);
  return key;
}
