import type { TApiKeyDto } from '../apikeys/api-key';
import { createApiKey } from '../apikeys/create-api-key';
import { listApiKeys } from '../apikeys/list-api-keys';
import { revokeApiKey } from '../apikeys/revoke-api-key';
import { CLI_ACTOR, formatTable, parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

const KEY_WARNING = 'Store this key now: it is shown only once. Only its hash is stored, so it cannot be recovered.';

const describe = (k: TApiKeyDto) => `community ${k.communityId}, origins ${k.allowedOrigins.join(',')}${k.label ? `, label "${k.label}"` : ''}`;

export const apikeyCreate: TCommand = {
  name: 'apikey create',
  synopsis: '--community <id> --origin <origin>... [--label <text>] [--json]',
  summary: 'Create an X-Api-Key for the /webauthn/registration and /webauthn/authentication API of a community.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, {
      options: {
        community: { type: 'string' },
        origin: { type: 'string', multiple: true },
        label: { type: 'string' },
        json: { type: 'boolean' },
      },
      required: ['community', 'origin'],
    });
    return async (ctx) => {
      const { apiKey, key } = await createApiKey({
        db: ctx.db,
        input: { communityId: values.community ?? '', allowedOrigins: values.origin ?? [], label: values.label },
        actor: CLI_ACTOR,
      });
      if (values.json) {
        ctx.io.stderr.write(`${KEY_WARNING}\n`);
        return writeJson(ctx.io, { apiKey, key });
      }
      writeLines(ctx.io, `Created API key ${apiKey.id} (${describe(apiKey)}).`, '', `  ${key}`, '', KEY_WARNING);
    };
  },
};

export const apikeyRevoke: TCommand = {
  name: 'apikey revoke',
  synopsis: '<id> [--json]',
  summary: 'Revoke an API key; requests with it are refused from now on. Revoking twice is harmless.',
  parse(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } }, positionals: ['id'] });
    return async (ctx) => {
      const apiKey = await revokeApiKey({ db: ctx.db, input: { id: positionals[0] ?? '' }, actor: CLI_ACTOR });
      if (values.json) return writeJson(ctx.io, apiKey);
      writeLines(ctx.io, `API key ${apiKey.id} (${apiKey.keyPrefix}…) is revoked since ${apiKey.revokedAt}.`);
    };
  },
};

export const apikeyList: TCommand = {
  name: 'apikey list',
  synopsis: '[--community <id>] [--json]',
  summary: 'List API keys (key prefix, community, allowed origins, status); keys themselves are never shown.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { community: { type: 'string' }, json: { type: 'boolean' } } });
    return async (ctx) => {
      const keys = await listApiKeys({ db: ctx.db, input: { communityId: values.community } });
      if (values.json) return writeJson(ctx.io, keys);
      if (keys.length === 0) return writeLines(ctx.io, 'No API keys yet. Create one: npx latchkey apikey create --community <id> --origin <origin>');
      writeLines(
        ctx.io,
        formatTable(
          ['ID', 'KEY', 'COMMUNITY', 'ORIGINS', 'STATUS', 'LAST USED', 'LABEL'],
          keys.map((k) => [k.id, `${k.keyPrefix}…`, k.communityId, k.allowedOrigins.join(','), k.status, k.lastUsedAt ?? 'never', k.label ?? '']),
        ),
      );
    };
  },
};
