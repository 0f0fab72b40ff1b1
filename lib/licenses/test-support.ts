import type { TDb } from '../db';
import { createCommunity } from '../tenancy/create-community';
import { createTenant } from '../tenancy/create-tenant';

export { openTestDb } from '../db/test-db';

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
