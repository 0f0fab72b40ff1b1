import { ConfigError, getConfig } from '../config';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { getDb } from '../db';
import { migrateDatabase } from '../db/migrate';
import { log, setLogLevel } from '../log';
import { bootstrap } from '../tenancy/bootstrap';
import { purgeExpiredCeremonies } from '../passkeys/ceremony';

const HOUSEKEEPING_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Server start-up: validate configuration (stop with a message naming the variable when it is
 * wrong), apply pending migrations, run the first-run bootstrap and print the one-time admin
 * setup link when the database was empty.
 */
export async function startServer(): Promise<void> {
  let config;
  try {
    config = getConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`latchkey: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  setLogLevel(config.logLevel);
  const started = Date.now();
  try {
    const { applied } = await migrateDatabase({ url: config.databaseUrl, log: (line) => log.info(line) });
    const kek = loadKeyEncryptionKey(config);
    const result = await bootstrap({ db: getDb(), config, kek });
    log.info('latchkey ready', {
      publicUrl: config.origin,
      database: config.databaseProvider,
      migrationsApplied: applied.length,
      version: config.version,
      ms: Date.now() - started,
    });
    // Expired ceremonies are refused anyway (consumeCeremony checks expiry); this only keeps the
    // table small. Any instance may run it; the DELETE is idempotent.
    const housekeeping = () => purgeExpiredCeremonies(getDb()).catch((e: Error) => log.warn('ceremony purge failed', { error: e.message }));
    void housekeeping();
    setInterval(housekeeping, HOUSEKEEPING_INTERVAL_MS).unref();
    if (result.setupLink) {
      // Printed plainly (not as JSON) so the operator can copy it from the console.
      console.log(`\n  First run: create the first administrator with this one-time link (valid 24 h):\n\n    ${result.setupLink}\n\n  Lost it? Run: npx latchkey admin setup-link\n`);
    }
  } catch (e) {
    console.error(`latchkey: start-up failed: ${(e as Error).message}`);
    process.exit(1);
  }
}
