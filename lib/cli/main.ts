import { fileURLToPath } from 'node:url';
import { ConfigError, getConfig } from '../config';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { createDb } from '../db';
import { migrateDatabase } from '../db/migrate';
import { isAppError } from '../errors';
import { bootstrap } from '../tenancy/bootstrap';
import { adminList, adminSetupLink } from './admin';
import { UsageError, type TCliContext, type TCliIo, type TCommand } from './command';
import { communityCreate } from './community';
import { dbMigrate } from './db';
import { info } from './info';
import { apikeyCreate, apikeyList, apikeyRevoke } from './apikey';
import { applicationCreate, applicationKey, applicationList } from './application';
import { licenseCreate, licenseList, licenseRevoke } from './license';
import { tenantCreate } from './tenant';

/** Exit codes: 0 success, 1 the operation failed (AppError, configuration, database), 2 usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export const COMMANDS: readonly TCommand[] = [
  info,
  tenantCreate,
  communityCreate,
  licenseCreate,
  licenseRevoke,
  licenseList,
  apikeyCreate,
  apikeyRevoke,
  apikeyList,
  applicationCreate,
  applicationList,
  applicationKey,
  adminSetupLink,
  adminList,
  dbMigrate,
];

/**
 * The project's prisma/ folder, found from this file: the CLI always runs from the sources
 * (bin/latchkey.mjs), so this holds from any working directory.
 */
const MIGRATIONS_ROOT = fileURLToPath(new URL('../../prisma', import.meta.url));

const GROUPS = new Set(COMMANDS.map((c) => c.name.split(' ')[0]).filter((w) => COMMANDS.some((c) => c.name.startsWith(`${w} `))));

function commandUsage(command: TCommand): string {
  return `Usage: npx latchkey ${command.name} ${command.synopsis}\n\n  ${command.summary}\n`;
}

/** Usage of every command of a group, e.g. `license`. */
function groupUsage(group: string): string {
  const commands = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  return ['Usage:', ...commands.map((c) => `  npx latchkey ${c.name} ${c.synopsis}`), ''].join('\n');
}

function generalUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 'help [command]'.length);
  return [
    'Usage: npx latchkey <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${'help [command]'.padEnd(width)}  Show this help, or the options of one command.`,
    '',
    'Configuration comes from the environment (LATCHKEY_DATA_DIR, DATABASE_URL, LATCHKEY_PUBLIC_URL, ...).',
    'Every command applies pending migrations and creates the default tenant on a fresh database.',
    'Exit codes: 0 success, 1 failure, 2 usage error.',
    '',
  ].join('\n');
}

/** Finds the command named by the first one or two words; returns it and the remaining arguments. */
function findCommand(argv: string[]): { command: TCommand; rest: string[] } {
  const [first = '', second] = argv;
  const two = COMMANDS.find((c) => second !== undefined && c.name === `${first} ${second}`);
  if (two) return { command: two, rest: argv.slice(2) };
  const one = COMMANDS.find((c) => c.name === first);
  if (one) return { command: one, rest: argv.slice(1) };
  if (GROUPS.has(first)) {
    const subs = COMMANDS.filter((c) => c.name.startsWith(`${first} `)).map((c) => c.name.slice(first.length + 1));
    const what = second === undefined || second.startsWith('-') ? 'missing subcommand' : `unknown subcommand "${second}"`;
    throw new UsageError(`${what} for "${first}" (expected ${subs.join(', ')})`, undefined, groupUsage(first));
  }
  throw new UsageError(first.startsWith('-') ? `expected a command before "${first}"` : `unknown command "${first}"`);
}

async function openContext(io: TCliIo): Promise<TCliContext> {
  const config = getConfig();
  const { applied } = await migrateDatabase({ url: config.databaseUrl, migrationsRoot: MIGRATIONS_ROOT });
  const kek = loadKeyEncryptionKey(config);
  const db = createDb(config.databaseUrl);
  try {
    const result = await bootstrap({ db, config, kek });
    return { io, config, db, kek, migrationsApplied: applied, bootstrap: result };
  } catch (e) {
    await db.$disconnect();
    throw e;
  }
}

function helpFor(words: string[]): string {
  const [first = ''] = words;
  if (words.length === 0) return generalUsage();
  if (words.length === 1 && GROUPS.has(first) && !COMMANDS.some((c) => c.name === first)) return groupUsage(first);
  const { command, rest } = findCommand(words);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" after "help ${command.name}"`);
  return commandUsage(command);
}

/**
 * The operator CLI (`npx latchkey <command>`): parses `argv` (the arguments after the program
 * name), applies pending migrations, runs the idempotent first-run bootstrap, then the command.
 * Never calls process.exit: returns the exit code, so tests can run it in-process.
 */
export async function runCli(argv: string[], io: TCliIo): Promise<number> {
  let command: TCommand | undefined;
  let runner: (ctx: TCliContext) => Promise<void>;
  try {
    if (argv.length === 0) throw new UsageError('missing command');
    if (argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
      io.stdout.write(helpFor(argv.slice(1)));
      return EXIT_OK;
    }
    const found = findCommand(argv);
    command = found.command;
    if (found.rest.includes('--help') || found.rest.includes('-h')) {
      io.stdout.write(commandUsage(command));
      return EXIT_OK;
    }
    runner = command.parse(found.rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const target = e.command ?? command;
    io.stderr.write(`latchkey: ${e.message}\n\n${e.usage ?? (target ? commandUsage(target) : generalUsage())}`);
    return EXIT_USAGE;
  }

  let ctx: TCliContext | undefined;
  try {
    ctx = await openContext(io);
    if (ctx.bootstrap.setupLink && command !== adminSetupLink) {
      io.stderr.write(
        `latchkey: first run: created the default tenant and community for ${ctx.config.origin}.\n` +
          `latchkey: one-time admin setup link (valid 24 h): ${ctx.bootstrap.setupLink}\n`,
      );
    }
    await runner(ctx);
    return EXIT_OK;
  } catch (e) {
    if (isAppError(e)) {
      // The catalog's public message only; detail and cause belong to the audit trail and logs.
      io.stderr.write(`latchkey: ${e.publicMessage} (${e.code})\n`);
    } else if (e instanceof ConfigError) {
      io.stderr.write(`latchkey: ${e.message}\n`);
    } else {
      io.stderr.write(`latchkey: ${command?.name ?? 'command'} failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return EXIT_FAILURE;
  } finally {
    await ctx?.db.$disconnect();
  }
}
