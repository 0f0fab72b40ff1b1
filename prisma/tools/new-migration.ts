// `npm run db:migration:new -- <name> [--shadow-url postgresql://…]`: writes the migration that
// brings each provider's migration history up to prisma/schema.prisma, in the standard Prisma
// layout (prisma/migrations and prisma/postgresql/migrations, each with migration_lock.toml).
// Like `prisma migrate dev --create-only`, but through the WASM schema engine, and for both
// providers at once. Histories are replayed into throw-away shadow databases: a temporary SQLite
// file, and a temporary database on the PostgreSQL server given by --shadow-url.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postgresSchemaPath, projectRoot, sqliteSchemaPath, writePostgresSchema } from './generate';
import { lockfileContent, openSchemaEngine, readMigrations, redactUrl, type Provider } from './schema-engine';

const DEFAULT_SHADOW_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Prisma's folder name prefix: UTC yyyyMMddHHmmss. */
function timestamp(d = new Date()): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * SQLite: the engine writes Json defaults unquoted (`DEFAULT []`, `DEFAULT {}`), which SQLite
 * rejects (prisma/orm#26571). Quote them as string literals; the engine reads those back as the
 * same default, so the next diff stays empty. Idempotent once Prisma fixes it (then quoted).
 */
function quoteSqliteJsonDefaults(sql: string): string {
  const marker = /\bJSONB(?: NOT NULL)? DEFAULT /g;
  let out = '';
  let last = 0;
  for (let m = marker.exec(sql); m; m = marker.exec(sql)) {
    const start = m.index + m[0].length;
    const end = jsonLiteralEnd(sql, start);
    if (end === -1) continue;
    out += sql.slice(last, start) + `'${sql.slice(start, end).replace(/'/g, "''")}'`;
    last = end;
    marker.lastIndex = end;
  }
  return out + sql.slice(last);
}

/** End index of the JSON array/object/string starting at `start`, or -1 if there is none. */
function jsonLiteralEnd(sql: string, start: number): number {
  const first = sql[start];
  if (first !== '[' && first !== '{' && first !== '"') return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < sql.length; i++) {
    const c = sql[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

interface Target {
  provider: Provider;
  dir: string;
  schemaPath: string;
  schema: string;
  /** Database the engine is opened on; diff only reads the shadow database. */
  url: string;
  shadowUrl: string;
}

/** The SQL for the next migration of one provider, or null when its history is up to date. */
async function nextMigration(target: Target): Promise<string | null> {
  const migrations = await readMigrations(target.dir);
  // The engine takes the connector from the lock file; the first migration has none yet.
  migrations.lockfile.content ??= lockfileContent(target.provider);
  const datamodel = { tag: 'schemaDatamodel' as const, files: [{ path: target.schemaPath, content: target.schema }] };
  const engine = await openSchemaEngine({ url: target.url, shadowUrl: target.shadowUrl });
  try {
    const { script, empty } = await engine.diff({ tag: 'migrations', ...migrations }, datamodel);
    if (empty) return null;
    const sql = target.provider === 'sqlite' ? quoteSqliteJsonDefaults(script) : script;
    // Replay the history plus the new script and diff again: proves the script runs and that it
    // reaches exactly the datamodel (this matters because we may have rewritten it).
    const check = await engine.diff(
      {
        tag: 'migrations',
        ...migrations,
        migrationDirectories: [
          ...migrations.migrationDirectories,
          { path: '99999999999999_check', migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: sql } } },
        ],
      },
      datamodel,
    );
    if (!check.empty) {
      throw new Error(`The generated ${target.provider} migration does not reach the datamodel; left over:\n${check.script}`);
    }
    return sql;
  } finally {
    await engine.close();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'shadow-url': { type: 'string', default: DEFAULT_SHADOW_URL } },
  });
  const rawName = positionals[0];
  const name = rawName?.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (!name || positionals.length !== 1) {
    throw new Error('Usage: npm run db:migration:new -- <name> [--shadow-url postgresql://user@host:5432/postgres]');
  }
  const shadowServer = values['shadow-url'];

  const pgSchema = await writePostgresSchema();
  if (pgSchema.changed) console.log(`${path.relative(projectRoot, postgresSchemaPath)} updated from prisma/schema.prisma`);
  const tmp = await mkdtemp(path.join(tmpdir(), 'latchkey-migration-'));
  const targets: Target[] = [
    {
      provider: 'sqlite',
      dir: path.join(projectRoot, 'prisma', 'migrations'),
      schemaPath: sqliteSchemaPath,
      schema: await readFile(sqliteSchemaPath, 'utf8'),
      url: `file:${path.join(tmp, 'main.db')}`,
      shadowUrl: `file:${path.join(tmp, 'shadow.db')}`,
    },
    {
      provider: 'postgresql',
      dir: path.join(projectRoot, 'prisma', 'postgresql', 'migrations'),
      schemaPath: postgresSchemaPath,
      schema: pgSchema.content,
      url: shadowServer,
      shadowUrl: shadowServer,
    },
  ];

  try {
    // Compute both before writing anything, so a failure leaves no half-created migration.
    const scripts: Array<string | null> = [];
    for (const target of targets) {
      try {
        scripts.push(await nextMigration(target));
      } catch (e) {
        const where = target.provider === 'postgresql' ? ` (shadow server ${redactUrl(shadowServer)})` : '';
        throw new Error(`${target.provider}${where}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }
    if (scripts.every((s) => s === null)) {
      console.log('No changes: the migrations of both providers already match prisma/schema.prisma. Nothing written.');
      return;
    }
    const folder = `${timestamp()}_${name}`;
    for (const [i, target] of targets.entries()) {
      const sql = scripts[i];
      const rel = path.relative(projectRoot, target.dir);
      if (sql == null) {
        console.log(`${target.provider}: no changes (${rel})`);
        continue;
      }
      await mkdir(path.join(target.dir, folder), { recursive: true });
      await writeFile(path.join(target.dir, folder, 'migration.sql'), sql);
      const lock = await readFile(path.join(target.dir, 'migration_lock.toml'), 'utf8').catch(() => null);
      if (lock === null) await writeFile(path.join(target.dir, 'migration_lock.toml'), lockfileContent(target.provider));
      console.log(`${target.provider}: ${rel}/${folder}/migration.sql`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
