import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A production server (`next start`) on a free port with its own data folder, for tests and benchmarks. */
export type TTestServer = {
  baseUrl: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Creates an empty, uniquely named PostgreSQL database; returns its URL and a drop function. */
export async function createPostgresDatabase(prefix = 'latchkey_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function waitForHealthy(baseUrl: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (!isAlive()) throw new Error('server exited before it became healthy');
    try {
      const res = await fetch(`${baseUrl}/webauthn/healthz`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server at ${baseUrl} not healthy after ${timeoutMs} ms`);
}

/**
 * Starts `next start` from the built tree. `dataDir` defaults to a new temp folder; pass
 * `databaseUrl` for PostgreSQL. Requires `npm run build` first.
 */
export async function startTestServer(options: { dataDir?: string; databaseUrl?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<TTestServer> {
  if (!fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npm run build` first');
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-test-'));
  const databaseUrl = options.databaseUrl ?? `file:${path.join(dataDir, 'latchkey.db')}`;
  const baseUrl = `http://localhost:${port}`;
  let out = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LATCHKEY_PUBLIC_URL: baseUrl,
      LATCHKEY_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      // MDS BLOB imports trust the root a test writes here (lib/metadata/mds-test-support.ts).
      LATCHKEY_MDS_ROOT_CERT_FILE: path.join(dataDir, 'mds-root.pem'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let alive = true;
  child.on('exit', () => (alive = false));
  try {
    await waitForHealthy(baseUrl, options.timeoutMs ?? 60_000, () => alive);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n--- server output ---\n${out}`);
  }
  return {
    baseUrl,
    port,
    dataDir,
    databaseUrl,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!alive) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
