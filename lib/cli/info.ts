import { listTenancy } from '../tenancy/list-tenancy';
import { getServicePublicKey } from '../envelope/service-key';
import { parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

export const info: TCommand = {
  name: 'info',
  synopsis: '[--json]',
  summary: 'Show the public URL, database, service public key, and tenants with their communities.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } } });
    return async (ctx) => {
      const { config } = ctx;
      const [tenants, servicePublicKey] = await Promise.all([listTenancy({ db: ctx.db }), getServicePublicKey(ctx.db)]);
      const result = {
        version: config.version,
        publicUrl: config.origin,
        databaseProvider: config.databaseProvider,
        dataDir: config.dataDir,
        servicePublicKey: servicePublicKey ?? null,
        tenants,
      };
      if (values.json) return writeJson(ctx.io, result);
      const lines = [
        `Latchkey ${result.version}`,
        `Public URL:          ${result.publicUrl}`,
        // The provider only: a PostgreSQL URL may carry a password.
        `Database:            ${result.databaseProvider}`,
        `Data folder:         ${result.dataDir}`,
        `Service public key:  ${result.servicePublicKey ?? '(none)'}`,
        '',
        `Tenants (${tenants.length}):`,
      ];
      for (const t of tenants) {
        lines.push(`  ${t.name}  id=${t.id}${t.isDefault ? '  (default)' : ''}${t.dnsNames.length ? `  dns=${t.dnsNames.join(',')}` : ''}`);
        if (t.communities.length === 0) lines.push('    (no communities)');
        for (const c of t.communities) {
          lines.push(
            `    community ${c.name}  id=${c.id}${c.isDefault ? '  (default)' : ''}`,
            `      rpId=${c.rpId}  origins=${c.origins.join(',')}  userVerification=${c.userVerification}  attestation=${c.attestation}`,
          );
        }
      }
      writeLines(ctx.io, ...lines);
    };
  },
};
