// `npm run db:generate` (also run by postinstall): derives prisma/postgresql/schema.prisma from
// prisma/schema.prisma, then generates the Prisma clients of both providers into
// lib/db/generated/{sqlite,postgresql}.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sqliteSchemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
export const postgresSchemaPath = path.join(projectRoot, 'prisma', 'postgresql', 'schema.prisma');

/**
 * The PostgreSQL schema is the SQLite one with two substitutions: the datasource provider and
 * the client output folder (one level deeper, since the file lives in prisma/postgresql/).
 * Fails loudly if the expected lines are missing, rather than writing a schema that silently
 * still targets SQLite.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  let providers = 0;
  let outputs = 0;
  const out = sqliteSchema
    .replace(/(datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*)"sqlite"/, (_m, head: string) => {
      providers++;
      return `${head}"postgresql"`;
    })
    .replace(/(generator\s+\w+\s*\{[^}]*?\boutput\s*=\s*)"\.\.\/lib\/db\/generated\/sqlite"/, (_m, head: string) => {
      outputs++;
      return `${head}"../../lib/db/generated/postgresql"`;
    });
  if (providers !== 1 || outputs !== 1) {
    throw new Error(
      'prisma/schema.prisma must have a datasource with provider = "sqlite" and a generator with ' +
        'output = "../lib/db/generated/sqlite" to derive the PostgreSQL schema from it',
    );
  }
  return out;
}

/** Writes prisma/postgresql/schema.prisma if it differs; returns its content. */
export async function writePostgresSchema(): Promise<{ content: string; changed: boolean }> {
  const content = derivePostgresSchema(await readFile(sqliteSchemaPath, 'utf8'));
  const current = await readFile(postgresSchemaPath, 'utf8').catch(() => null);
  if (current === content) return { content, changed: false };
  await mkdir(path.dirname(postgresSchemaPath), { recursive: true });
  await writeFile(postgresSchemaPath, content);
  return { content, changed: true };
}

/**
 * The Prisma CLI downloads its native schema engine at start-up, even for `generate`, which does
 * not use it; offline that download fails. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
 * file skips it. Only done when the variable is unset and no engine binary was installed, so a
 * normal installation keeps its engine, and the override never leaves this child process.
 */
function prismaEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return env;
  const enginesDir = path.join(projectRoot, 'node_modules', '@prisma', 'engines');
  const installed = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine-'));
  if (!installed) env.PRISMA_SCHEMA_ENGINE_BINARY = existsSync('/bin/true') ? '/bin/true' : process.execPath;
  return env;
}

function prismaGenerate(schemaPath: string): void {
  const cli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js');
  if (!existsSync(cli)) throw new Error(`Prisma CLI not found at ${cli}; run npm install (it is a devDependency)`);
  const result = spawnSync(
    process.execPath,
    [cli, 'generate', '--schema', path.relative(projectRoot, schemaPath)],
    { cwd: projectRoot, env: prismaEnv(), stdio: 'inherit' },
  );
  if (result.status !== 0) {
    throw new Error(`prisma generate --schema ${path.relative(projectRoot, schemaPath)} failed (exit ${result.status})`);
  }
}

async function main(): Promise<void> {
  const { changed } = await writePostgresSchema();
  console.log(`${path.relative(projectRoot, postgresSchemaPath)} ${changed ? 'updated' : 'up to date'}`);
  prismaGenerate(sqliteSchemaPath);
  prismaGenerate(postgresSchemaPath);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
