import type { TDb } from '../db';
import type { TConfig } from '../config';
import { ensureServiceKeyPair } from '../envelope/service-key';
import { ensureSigningKey } from '../tokens/signing-keys';
import { createSetupLink } from '../admin/create-setup-link';
import { ensureConsoleCommunity } from '../admin/console-community';
import { createTenant } from './create-tenant';
import { createCommunity } from './create-community';

export type TBootstrapResult = {
  created: boolean;
  tenantId: string;
  communityId: string;
  /** The admins' realm (Community.purpose = "console"). */
  consoleCommunityId: string;
  servicePublicKey: string;
  setupLink?: string;
};

/**
 * First-run bootstrap (idempotent). On an empty database it creates the default tenant and
 * community for the public URL (rpId = its host, origin = the URL), the console community of the
 * administrators, the envelope service key pair, the community's ES256 signing key and a one-time
 * admin setup link. On later starts it only makes sure the keys and the console community exist
 * (the console follows the public URL), and changes nothing else.
 */
export async function bootstrap(options: { db: TDb; config: Pick<TConfig, 'origin' | 'rpId' | 'envelopeCurve'>; kek: Buffer }): Promise<TBootstrapResult> {
  const { db, config, kek } = options;
  return db.$transaction(async (tx) => {
    const servicePublicKey = await ensureServiceKeyPair(tx, kek, config.envelopeCurve);
    const existing = await tx.community.findFirst({ where: { isDefault: true }, select: { id: true, tenantId: true } });
    if (existing) {
      await ensureSigningKey(tx, kek, existing.id);
      const consoleRealm = await ensureConsoleCommunity(tx, { tenantId: existing.tenantId, config });
      return { created: false, tenantId: existing.tenantId, communityId: existing.id, consoleCommunityId: consoleRealm.id, servicePublicKey };
    }
    const tenant = await createTenant({ db: tx, input: { name: 'Default', dnsNames: [config.rpId] }, actor: 'system', isDefault: true });
    const community = await createCommunity({
      db: tx,
      input: { tenantId: tenant.id, name: 'Default', rpId: config.rpId, rpName: 'Latchkey', origins: [config.origin] },
      actor: 'system',
      isDefault: true,
    });
    await ensureSigningKey(tx, kek, community.id);
    const consoleRealm = await ensureConsoleCommunity(tx, { tenantId: tenant.id, config });
    const link = await createSetupLink({ db: tx, origin: config.origin, actor: 'system' });
    return { created: true, tenantId: tenant.id, communityId: community.id, consoleCommunityId: consoleRealm.id, servicePublicKey, setupLink: link.url };
  });
}
