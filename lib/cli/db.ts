import { parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

/**
 * `db migrate`. Every command applies pending migrations before it runs (see main.ts), so this
 * one only reports what that step applied.
 */
export const dbMigrate: TCommand = {
  name: 'db migrate',
  synopsis: '[--json]',
  summary: 'Apply pending database migrations (every command also does this first).',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } } });
    return async (ctx) => {
      const applied = ctx.migrationsApplied;
      if (values.json) return writeJson(ctx.io, { databaseProvider: ctx.config.databaseProvider, applied });
      if (applied.length === 0) return writeLines(ctx.io, `The ${ctx.config.databaseProvider} database is up to date.`);
      writeLines(ctx.io, `Applied ${applied.length} migration(s) to the ${ctx.config.databaseProvider} database:`, ...applied.map((m) => `  ${m}`));
    };
  },
};
