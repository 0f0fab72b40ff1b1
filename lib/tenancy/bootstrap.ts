import type { TDb } from '../db';
import type { TConfig } from '../config';
import { ensureServiceKeyPair } from '../envelope/service-key';
import { ensureSigningKey } from '../tokens/signing-keys';
import { createSetupLink } from '../admin/create-setup-link';
import { createTenant } from './create-tenant';
import { createCommunity } from './create-community';

export type TBootstrapResult = {
  created: boolean;
  tenantId: string;
  communityId: string;
  servicePublicKey: string;
  setupLink?: string;
};

/**
 * First-run bootstrap (idempotent). On an empty database it creates the default tenant and
 * community for the public URL (rpId = its host, origin = the URL), the envelope service key pair,
 * the community's ES256 signing key and a one-time admin setup link. On later starts it only
 * makes sure the keys exist, and changes nothing else.
 */
export async function bootstrap(options: { db: TDb; config: Pick<TConfig, 'origin' | 'rpId' | 'envelopeCurve'>; kek: Buffer }): Promise<TBootstrapResult> {
  const { db, config, kek } = options;
  return db.$transaction(async (tx) => {
    const servicePublicKey = await ensureServiceKeyPair(tx, kek, config.envelopeCurve);
    const existing = await tx.community.findFirst({ where: { isDefault: true }, select: { id: true, tenantId: true } });
    if (existing) {
      await ensureSigningKey(tx, kek, existing.id);
      return { created: false, tenantId: existing.tenantId, communityId: existing.id, servicePublicKey };
    }
    const tenant = await createTenant({ db: tx, input: { name: 'Default', dnsNames: [config.rpId] }, actor: 'system', isDefault: true });
    const community = await createCommunity({
      db: tx,
      input: { tenantId: tenant.id, name: 'Default', rpId: config.rpId, rpName: 'Latchkey', origins: [config.origin] },
      actor: 'system',
      isDefault: true,
    });
    await ensureSigningKey(tx, kek, community.id);
    const link = await createSetupLink({ db: tx, origin: config.origin, actor: 'system' });
    return { created: true, tenantId: tenant.id, communityId: community.id, servicePublicKey, setupLink: link.url };
  });
}
