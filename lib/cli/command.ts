import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { TConfig } from '../config';
import type { TDb } from '../db';
import type { TBootstrapResult } from '../tenancy/bootstrap';

/** Where the CLI writes: process.stdout/stderr in `bin/latchkey.mjs`, string collectors in tests. */
export type TCliIo = {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
};

/** What a command runs with: migrations applied and the first-run bootstrap done. */
export type TCliContext = {
  io: TCliIo;
  config: TConfig;
  db: TDb;
  kek: Buffer;
  /** Names of the migrations applied by this invocation (`db migrate` reports them). */
  migrationsApplied: string[];
  bootstrap: TBootstrapResult;
};

/** Who the CLI acts as, in the audit trail (see AuditEvent.actor in prisma/schema.prisma). */
export const CLI_ACTOR = 'cli';

/**
 * One CLI command. `parse` validates the arguments that follow the command words without touching
 * the database (so a usage error changes nothing) and returns the runner bound to them.
 */
export type TCommand = {
  /** The command words, e.g. `license create`. */
  name: string;
  /** Arguments after the name, for the usage text, e.g. `--name <name> [--json]`. */
  synopsis: string;
  summary: string;
  parse(argv: string[]): (ctx: TCliContext) => Promise<void>;
};

/** A mistake in the command line: the CLI prints the message and the usage and exits with 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to print. */
    readonly command?: TCommand,
    /** Usage text to print instead (e.g. of a command group). */
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

type TOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs in strict mode, with its errors (unknown option, missing value, unexpected
 * argument) turned into UsageError, required options checked and positionals counted.
 */
export function parseCommandArgs<const O extends TOptions>(
  command: TCommand,
  argv: string[],
  spec: { options: O; required?: Array<keyof O & string>; positionals?: string[] },
) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, strict: true, allowPositionals: true });
  } catch (e) {
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS_')) {
      // Node's message for an unknown option goes on about positionals; keep its first sentence.
      const unknown = /^Unknown option '([^']+)'/.exec(e.message);
      throw new UsageError(unknown ? `unknown option ${unknown[1]}` : e.message, command);
    }
    throw e;
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const name of spec.required ?? []) {
    const v = values[name];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) {
      throw new UsageError(`missing required option --${name}`, command);
    }
  }
  const expected = spec.positionals ?? [];
  if (parsed.positionals.length < expected.length) {
    throw new UsageError(`missing argument <${expected[parsed.positionals.length]}>`, command);
  }
  if (parsed.positionals.length > expected.length) {
    throw new UsageError(`unexpected argument "${parsed.positionals[expected.length]}"`, command);
  }
  return parsed;
}

export function writeJson(io: TCliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function writeLines(io: TCliIo, ...lines: string[]): void {
  io.stdout.write(lines.join('\n') + '\n');
}

/** A plain left-aligned text table (header row, then one row per item). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
