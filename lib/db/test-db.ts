import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type TDb } from './index';
import { migrateDatabase } from './migrate';

/** The PostgreSQL server the data-layer tests use (a real one; they create and drop databases). */
// eslint-disable-next-line no-restricted-properties -- test-only seam, not product configuration
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const TEST_PROVIDERS = ['sqlite', 'postgresql'] as const;
export type TTestProvider = (typeof TEST_PROVIDERS)[number];

const PRISMA_ROOT = path.resolve(import.meta.dirname, '..', '..', 'prisma');

/**
 * Test helper (not a test): a freshly migrated database — a SQLite file in a temp folder, or a
 * uniquely named database on the test PostgreSQL server — and a close() that removes it.
 */
export async function openTestDb(provider: TTestProvider = 'sqlite'): Promise<{ db: TDb; url: string; close(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-db-'));
    const url = `file:${path.join(dir, 'test.db')}`;
    await migrateDatabase({ url, migrationsRoot: PRISMA_ROOT });
    const db = createDb(url);
    return {
      db,
      url,
      async close() {
        await db.$disconnect();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `latchkey_unit_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(TEST_POSTGRES_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase({ url, migrationsRoot: PRISMA_ROOT });
  const db = createDb(url);
  return {
    db,
    url,
    async close() {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
