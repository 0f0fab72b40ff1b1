// `npm run db:migrate [-- --url <url>]`: applies pending migrations to --url, else $DATABASE_URL,
// else the default SQLite file ./data/latchkey.db (its folder is created when missing).
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../../lib/db/migrate';
import { redactUrl } from './schema-engine';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' } } });
  const url = values.url || process.env.DATABASE_URL || 'file:./data/latchkey.db';
  const started = performance.now();
  const { applied } = await migrateDatabase({ url, log: (line) => console.log(line) });
  const ms = Math.round(performance.now() - started);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${redactUrl(url)} in ${ms} ms: ${applied.join(', ')}`
      : `${redactUrl(url)} is up to date (${ms} ms)`,
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
