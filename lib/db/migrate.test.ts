import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../prisma/tools/schema-engine';
import { migrateDatabase, migrationsDir } from './migrate';

// Tables the committed migrations must create: every model of the source-of-truth schema.
const models = [...readFileSync('prisma/schema.prisma', 'utf8').matchAll(/^model (\w+)/gm)].map((m) => m[1]!);
const localMigrations = (provider: 'sqlite' | 'postgresql') =>
  readdirSync(migrationsDir(provider), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'latchkey-migrate-test-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('migrateDatabase on SQLite', () => {
  it('creates the file (and its folder), all tables and the _prisma_migrations rows', async () => {
    const file = path.join(tmp, 'nested', 'dir', 'latchkey.db');
    const { applied } = await migrateDatabase({ url: `file:${file}` });
    expect(applied).toEqual(localMigrations('sqlite'));
    expect(existsSync(file)).toBe(true);

    const db = new Database(file, { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      );
      expect(tables).toEqual(expect.arrayContaining([...models, '_prisma_migrations']));
      const rows = db
        .prepare('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name')
        .all() as { migration_name: string; finished_at: string | null; rolled_back_at: string | null }[];
      expect(rows.map((r) => r.migration_name)).toEqual(localMigrations('sqlite'));
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    } finally {
      db.close();
    }

    // Second run: the driver-only fast path, no engine.
    const started = performance.now();
    const again = await migrateDatabase({ url: `file:${file}` });
    const ms = performance.now() - started;
    expect(again.applied).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  it('names the failing migration and leaves it recorded as failed', async () => {
    const root = path.join(tmp, 'broken-root');
    const dir = path.join(root, 'migrations');
    await mkdir(path.join(dir, '20200101000000_ok'), { recursive: true });
    await mkdir(path.join(dir, '20200102000000_broken'), { recursive: true });
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n');
    await writeFile(path.join(dir, '20200101000000_ok', 'migration.sql'), 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);\n');
    await writeFile(path.join(dir, '20200102000000_broken', 'migration.sql'), 'CREATE TABLE "B" (\n');
    const url = `file:${path.join(tmp, 'broken.db')}`;

    await expect(migrateDatabase({ url, migrationsRoot: root })).rejects.toThrow(/Migration 20200102000000_broken failed/);
    // Next start-up refuses to continue past the failed migration, and still says which one.
    await expect(migrateDatabase({ url, migrationsRoot: root })).rejects.toThrow(/20200102000000_broken/);
  });

  it('refuses a migration folder without migration.sql before applying anything', async () => {
    const root = path.join(tmp, 'missing-root');
    const dir = path.join(root, 'migrations');
    await mkdir(path.join(dir, '20200101000000_ok'), { recursive: true });
    await mkdir(path.join(dir, '20200102000000_empty'), { recursive: true });
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "sqlite"\n');
    await writeFile(path.join(dir, '20200101000000_ok', 'migration.sql'), 'CREATE TABLE "A" ("id" TEXT PRIMARY KEY);\n');
    const file = path.join(tmp, 'missing.db');

    await expect(migrateDatabase({ url: `file:${file}`, migrationsRoot: root })).rejects.toThrow(
      /Migration 20200102000000_empty is unreadable/,
    );
    expect(existsSync(file)).toBe(false);
  });
});

describe('migrateDatabase on PostgreSQL', () => {
  // eslint-disable-next-line no-restricted-properties -- test-harness setting, not app configuration
  const server = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const databases: string[] = [];

  async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
  async function freshDatabase(): Promise<string> {
    const name = `latchkey_test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    databases.push(name);
    return withDatabase(server, name);
  }

  afterAll(async () => {
    await admin(async (c) => {
      for (const name of databases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  it('creates all tables and the history, then does nothing quickly', async () => {
    const url = await freshDatabase();
    const { applied } = await migrateDatabase({ url });
    expect(applied).toEqual(localMigrations('postgresql'));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: tables } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables.map((r) => r.table_name)).toEqual(expect.arrayContaining([...models, '_prisma_migrations']));
      const { rows } = await client.query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(localMigrations('postgresql'));
    } finally {
      await client.end();
    }

    const started = performance.now();
    expect((await migrateDatabase({ url })).applied).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('applies each migration once when two instances start at the same time', async () => {
    const url = await freshDatabase();
    const results = await Promise.all([migrateDatabase({ url }), migrateDatabase({ url })]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(localMigrations('postgresql'));
  });
});
