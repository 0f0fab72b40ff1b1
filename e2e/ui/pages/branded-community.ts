import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';

export type TBranding = { displayName: string; primaryColor: string | null; backgroundColor: string | null; logoUrl: string | null };

/**
 * A second community on the test server, made with the operator CLI (`latchkey community
 * create`) against the server's SQLite file. Its branding is written straight to the database, a
 * fixture for the hosted pages' tests (the console's branding editor has its own test:
 * admin-tenancy.spec.ts).
 */
export function createBrandedCommunity(options: { baseURL: string; name: string; branding: TBranding }): { id: string } {
  const dataDir = process.env.LATCHKEY_E2E_DATA_DIR;
  if (!dataDir) throw new Error('LATCHKEY_E2E_DATA_DIR is not set (the UI global setup sets it)');
  const dbFile = path.join(dataDir, 'latchkey.db');
  const db = new Database(dbFile);
  try {
    db.pragma('busy_timeout = 5000');
    const tenant = db.prepare('SELECT id FROM "Tenant" WHERE "isDefault" = 1').get() as { id: string } | undefined;
    if (!tenant) throw new Error('no default tenant in the test database');
    const origin = new URL(options.baseURL).origin;
    const cli = spawnSync(
      process.execPath,
      ['bin/latchkey.mjs', 'community', 'create', '--tenant', tenant.id, '--name', options.name, '--rp-id', new URL(origin).hostname, '--origin', origin, '--json'],
      { env: { ...process.env, LATCHKEY_DATA_DIR: dataDir, DATABASE_URL: `file:${dbFile}`, LATCHKEY_PUBLIC_URL: origin }, encoding: 'utf8', timeout: 60_000 },
    );
    if (cli.status !== 0) throw new Error(`latchkey community create failed (${cli.status}):\n${cli.stdout}\n${cli.stderr}`);
    const { id } = JSON.parse(cli.stdout) as { id: string };
    db.prepare('UPDATE "Community" SET "branding" = ? WHERE "id" = ?').run(JSON.stringify(options.branding), id);
    return { id };
  } finally {
    db.close();
  }
}
