import type { TTx } from '../db';
import { getServicePublicKey } from '../envelope/service-key';

export type THealth = { status: string; publicKey: string; code: string; version: string };

const DB_TIMEOUT_MS = 2000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/**
 * Health of the service as spec 004 "Healthz" gives it: `{status, publicKey, code, version}`.
 * It reads the service key from the database, so a healthy answer proves the database answers;
 * when it does not, the status says so and the code is 503.
 */
export async function checkHealth(options: { db: TTx; version: string }): Promise<{ httpStatus: 200 | 503; body: THealth }> {
  try {
    const publicKey = await withTimeout(getServicePublicKey(options.db), DB_TIMEOUT_MS);
    if (!publicKey) {
      return { httpStatus: 503, body: { status: 'not bootstrapped: no service key pair', publicKey: '', code: '503', version: options.version } };
    }
    return { httpStatus: 200, body: { status: 'all services operational', publicKey, code: '200', version: options.version } };
  } catch {
    return { httpStatus: 503, body: { status: 'database unreachable', publicKey: '', code: '503', version: options.version } };
  }
}
