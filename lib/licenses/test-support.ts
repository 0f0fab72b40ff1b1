import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type TDb } from '../db';
import { migrateDatabase } from '../db/migrate';
import { createCommunity } from '../tenancy/create-community';
import { createTenant } from '../tenancy/create-tenant';

/** Test helper (not a test): a migrated SQLite database in a fresh temporary folder. */
export async function openTestDb(): Promise<{ db: TDb; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'latchkey-licenses-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrateDatabase({ url, migrationsRoot: fileURLToPath(new URL('../../prisma', import.meta.url)) });
  const db = createDb(url);
  return {
    db,
    async close() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tenant with two communities, created the way the admin console and CLI do. */
export async function seedTenant(db: TDb, name = 'Acme'): Promise<{ tenantId: string; communityIds: [string, string] }> {
  return db.$transaction(async (tx) => {
    const tenant = await createTenant({ db: tx, input: { name }, actor: 'test' });
    const host = `${name.toLowerCase()}.example.com`;
    const make = (n: string) =>
      createCommunity({ db: tx, input: { tenantId: tenant.id, name: n, rpId: host, origins: [`https://${host}`] }, actor: 'test' });
    const a = await make('Web');
    const b = await make('Mobile');
    return { tenantId: tenant.id, communityIds: [a.id, b.id] };
  });
}
