import { createTenant } from '../tenancy/create-tenant';
import { CLI_ACTOR, parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

export const tenantCreate: TCommand = {
  name: 'tenant create',
  synopsis: '--name <name> [--dns <host>...] [--json]',
  summary: 'Create a tenant (a customer organisation) answering for the given DNS names.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, {
      options: { name: { type: 'string' }, dns: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      required: ['name'],
    });
    return async (ctx) => {
      const tenant = await ctx.db.$transaction((tx) =>
        createTenant({ db: tx, input: { name: values.name ?? '', dnsNames: values.dns ?? [] }, actor: CLI_ACTOR }),
      );
      if (values.json) return writeJson(ctx.io, tenant);
      writeLines(
        ctx.io,
        `Created tenant "${tenant.name}" (id ${tenant.id}).`,
        ...(tenant.dnsNames.length ? [`DNS names: ${tenant.dnsNames.join(', ')}`] : []),
        '',
        `Next: npx latchkey community create --tenant ${tenant.id} --name <name> --rp-id <host> --origin https://<host>`,
      );
    };
  },
};
