// Applies the committed Prisma migrations at start-up (`prisma migrate deploy` semantics, same
// `_prisma_migrations` table), without the Prisma CLI. The common case, an up-to-date database,
// is answered by reading `_prisma_migrations` with the plain driver in a few milliseconds; the
// WASM schema engine (about half a second to load) is only started when something is pending.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Client as PgClient } from 'pg';
import {
  openSchemaEngine,
  pgConnection,
  providerFromUrl,
  readMigrations,
  redactUrl,
  sqliteFilePath,
  type Provider,
} from '../../prisma/tools/schema-engine';

export interface MigrateOptions {
  /** `file:…` (SQLite) or `postgres(ql)://…`; selects which migration folder is used. */
  url: string;
  log?: (line: string) => void;
  /**
   * Folder holding `migrations/` (SQLite) and `postgresql/migrations/`, i.e. the project's
   * `prisma/` folder. Default: `prisma/` in the working directory or the nearest parent that has
   * it. Not derived from this file's location: inside a Next.js build it lives under `.next/`.
   */
  migrationsRoot?: string;
}

const MIGRATIONS_SUBDIR: Record<Provider, string> = {
  sqlite: 'migrations',
  postgresql: path.join('postgresql', 'migrations'),
};

/**
 * Arbitrary constant key for our session-level advisory lock. Deliberately not Prisma's own key
 * (72707369): the engine takes that one itself on another connection, with a 10 s timeout, and
 * would wait for us. Ours has no timeout, so a second instance waits however long the first one
 * takes to migrate, then finds nothing left to do.
 */
const PG_LOCK_KEY = 4_732_118_690_531;

export function migrationsDir(provider: Provider, migrationsRoot?: string): string {
  const sub = MIGRATIONS_SUBDIR[provider];
  if (migrationsRoot) return path.resolve(migrationsRoot, sub);
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', sub);
    if (isDir(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(
    `Cannot find prisma/${sub} in ${process.cwd()} or its parents; run from the project root or pass migrationsRoot`,
  );
}

export async function migrateDatabase(options: MigrateOptions): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const provider = providerFromUrl(options.url);
  const dir = migrationsDir(provider, options.migrationsRoot);
  if (!isDir(dir)) throw new Error(`Migrations folder ${dir} does not exist`);
  // Ignore comment: without it Turbopack traces the whole project into the server output.
  const local = readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  if (local.length === 0) throw new Error(`No migrations in ${dir}`);

  if (provider === 'sqlite') {
    const file = sqliteFilePath(options.url);
    const state = existsSync(file) ? await sqliteHistory(file) : null;
    if (state && upToDate(local, state)) return { applied: [] };
    await mkdir(path.dirname(file), { recursive: true });
    return { applied: await apply(options.url, dir, local, state, log) };
  }

  const { default: pg } = await import('pg');
  const { connectionString, schema } = pgConnection(options.url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const state = await pgHistory(client, schema ?? 'public');
    if (state && upToDate(local, state)) return { applied: [] };
    await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
    try {
      // Another instance may have migrated while we waited for the lock; the engine re-reads
      // the history itself, so this only keeps the log honest.
      const current = await pgHistory(client, schema ?? 'public');
      if (current && upToDate(local, current)) return { applied: [] };
      return { applied: await apply(options.url, dir, local, current, log) };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** What `_prisma_migrations` says (the readers return null when the table does not exist). */
interface History {
  finished: Set<string>;
  /** Started but neither finished nor rolled back: `migrate deploy` refuses to continue (P3009). */
  failed: string[];
}

interface HistoryRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

function toHistory(rows: HistoryRow[]): History {
  const finished = new Set<string>();
  const failed: string[] = [];
  for (const row of rows) {
    if (row.rolled_back_at != null) continue;
    if (row.finished_at != null) finished.add(row.migration_name);
    else failed.push(row.migration_name);
  }
  return { finished, failed };
}

function upToDate(local: string[], history: History): boolean {
  return history.failed.length === 0 && local.every((name) => history.finished.has(name));
}

async function sqliteHistory(file: string): Promise<History | null> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return null;
    return toHistory(
      db.prepare('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations').all() as HistoryRow[],
    );
  } finally {
    db.close();
  }
}

async function pgHistory(client: PgClient, schema: string): Promise<History | null> {
  const table = `"${schema.replace(/"/g, '""')}"."_prisma_migrations"`;
  try {
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, finished_at, rolled_back_at FROM ${table}`,
    );
    return toHistory(rows);
  } catch (e) {
    // 42P01 undefined_table, 3F000 invalid_schema_name: a fresh database.
    const code = (e as { code?: string }).code;
    if (code === '42P01' || code === '3F000') return null;
    throw e;
  }
}

async function apply(
  url: string,
  dir: string,
  local: string[],
  before: History | null,
  log: (line: string) => void,
): Promise<string[]> {
  const pending = local.filter((name) => !before?.finished.has(name));
  log(`Migrating ${redactUrl(url)}: ${pending.length} pending (${pending.join(', ')})`);
  const migrations = await readMigrations(dir);
  // The engine would apply the migrations before an unreadable one and only then fail (P3015);
  // refuse up front so that a broken checkout changes nothing.
  for (const m of migrations.migrationDirectories) {
    if (m.migrationFile.content.tag === 'error') {
      throw new Error(`Migration ${m.path} is unreadable (${path.join(dir, m.path)}): ${m.migrationFile.content.value}`);
    }
  }
  const engine = await openSchemaEngine({ url });
  let applied: string[];
  try {
    applied = await engine.applyMigrations(migrations);
  } catch (e) {
    // Closed first: on SQLite the engine holds an exclusive lock that would hide the history.
    await engine.close().catch(() => {});
    // Keep the engine's message, not the Rust span trace under it (still in `cause`).
    const raw = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: unknown }).code;
    const message = `${typeof code === 'string' ? `[${code}] ` : ''}${raw.split(/\n\s+0: /)[0]!.trim()}`;
    // The engine names the failing migration in most, not all, of its errors; make sure ours does.
    const named = (await failedMigration(url, local).catch(() => undefined)) ?? pending[0];
    throw new Error(`Migration ${named} failed on ${redactUrl(url)} (migrations in ${dir}): ${message}`, {
      cause: e,
    });
  }
  await engine.close();
  for (const name of applied) log(`Applied migration ${name}`);
  return applied;
}

/** The migration recorded as failed, else the first one still not applied after the error. */
async function failedMigration(url: string, local: string[]): Promise<string | undefined> {
  let after: History | null;
  if (providerFromUrl(url) === 'sqlite') {
    after = await sqliteHistory(sqliteFilePath(url));
  } else {
    const { default: pg } = await import('pg');
    const { connectionString, schema } = pgConnection(url);
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      after = await pgHistory(client, schema ?? 'public');
    } finally {
      await client.end();
    }
  }
  return after?.failed[0] ?? local.find((name) => !after?.finished.has(name));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
