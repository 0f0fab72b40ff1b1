import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgresql/client';
import { getConfig } from '../config';
import { serializedSqlite } from './sqlite-serialized';

export type { Prisma } from './generated/sqlite/client';

/**
 * The database client. Both providers are generated from one model (prisma/schema.prisma), so
 * their clients have the same shape; the SQLite client's type stands for both.
 */
export type TDb = SqliteClient;
/** A client or the transaction client handed to `$transaction(async (tx) => …)`. */
export type TTx = Omit<TDb, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type TDbProvider = 'sqlite' | 'postgresql';

export function providerOf(url: string): TDbProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://');
}

/** `file:./data/x.db` or `file:/abs/x.db` → absolute file path. */
export function sqliteFileOf(url: string): string {
  return path.resolve(url.slice('file:'.length).replace(/\?.*$/, ''));
}

/**
 * Opens the SQLite file once with the plain driver to switch it to WAL (a persistent property of
 * the file: readers no longer block the writer) and create its folder.
 */
export function prepareSqliteFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new Database(file);
  try {
    raw.pragma('journal_mode = WAL');
  } finally {
    raw.close();
  }
}

export function createDb(url: string): TDb {
  if (providerOf(url) === 'sqlite') {
    const file = sqliteFileOf(url);
    prepareSqliteFile(file);
    // timeout: wait for a competing writer instead of failing with SQLITE_BUSY.
    return new SqliteClient({ adapter: serializedSqlite(new PrismaBetterSqlite3({ url: file, timeout: 5000 })) });
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  return client as unknown as TDb;
}

const globalForDb = globalThis as unknown as { latchkeyDb?: TDb };

/** The process-wide client for the configured DATABASE_URL. */
export function getDb(): TDb {
  globalForDb.latchkeyDb ??= createDb(getConfig().databaseUrl);
  return globalForDb.latchkeyDb;
}
