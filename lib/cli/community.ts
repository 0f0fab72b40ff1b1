import { createCommunity } from '../tenancy/create-community';
import { CLI_ACTOR, parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

export const communityCreate: TCommand = {
  name: 'community create',
  synopsis:
    '--tenant <id> --name <name> --rp-id <host> --origin <origin>... [--rp-name <name>] ' +
    '[--user-verification required|preferred|discouraged] [--attestation none|direct|enterprise] [--json]',
  summary: 'Create a community (realm) in a tenant, with its WebAuthn relying-party settings.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, {
      options: {
        tenant: { type: 'string' },
        name: { type: 'string' },
        'rp-id': { type: 'string' },
        origin: { type: 'string', multiple: true },
        'rp-name': { type: 'string' },
        'user-verification': { type: 'string' },
        attestation: { type: 'string' },
        json: { type: 'boolean' },
      },
      required: ['tenant', 'name', 'rp-id', 'origin'],
    });
    return async (ctx) => {
      // Values the use-case does not know are rejected there (request.validation_failed).
      const input = {
        tenantId: values.tenant ?? '',
        name: values.name ?? '',
        rpId: values['rp-id'] ?? '',
        origins: values.origin ?? [],
        rpName: values['rp-name'],
        userVerification: values['user-verification'],
        attestation: values.attestation,
      } as Parameters<typeof createCommunity>[0]['input'];
      const community = await ctx.db.$transaction((tx) => createCommunity({ db: tx, input, actor: CLI_ACTOR }));
      if (values.json) return writeJson(ctx.io, community);
      writeLines(
        ctx.io,
        `Created community "${community.name}" (id ${community.id}) in tenant ${community.tenantId}.`,
        `rpId: ${community.rpId}   rpName: ${community.rpName}`,
        `origins: ${community.origins.join(', ')}`,
        `userVerification: ${community.userVerification}   attestation: ${community.attestation}`,
      );
    };
  },
};
