import type { TApplicationDto } from '../applications/application';
import { createApplication } from '../applications/create-application';
import { createApplicationKey } from '../applications/create-application-key';
import { listApplications } from '../applications/list-applications';
import { UsageError, CLI_ACTOR, formatTable, parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

const KEY_WARNING = 'Store this key now: it is shown only once. Only its hash is stored, so it cannot be recovered.';

const describe = (a: TApplicationDto) =>
  `community ${a.communityId}, origins ${a.origins.join(',') || '(community origins)'}, sign-up ${a.allowSignUp ? 'allowed' : 'off'}, tokens ${a.tokenTtlSeconds} s`;

export const applicationCreate: TCommand = {
  name: 'application create',
  synopsis: '--community <id> --name <name> [--origin <origin>...] [--no-sign-up] [--token-ttl <seconds>] [--json]',
  summary: 'Register an application of the FIDO2 API 2.0 (/fido2/v2): its id is the app.id clients send.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, {
      options: {
        community: { type: 'string' },
        name: { type: 'string' },
        origin: { type: 'string', multiple: true },
        'no-sign-up': { type: 'boolean' },
        'token-ttl': { type: 'string' },
        json: { type: 'boolean' },
      },
      required: ['community', 'name'],
    });
    const ttl = values['token-ttl'];
    if (ttl !== undefined && !/^\d+$/.test(ttl)) throw new UsageError('--token-ttl must be a number of seconds', this);
    return async (ctx) => {
      const app = await createApplication({
        db: ctx.db,
        input: {
          communityId: values.community ?? '',
          name: values.name ?? '',
          origins: values.origin ?? [],
          allowSignUp: !values['no-sign-up'],
          ...(ttl !== undefined ? { tokenTtlSeconds: Number(ttl) } : {}),
        },
        actor: CLI_ACTOR,
      });
      if (values.json) return writeJson(ctx.io, app);
      writeLines(ctx.io, `Created application ${app.id} "${app.name}" (${describe(app)}).`, '', `Management key: npx latchkey application key ${app.id}`);
    };
  },
};

export const applicationList: TCommand = {
  name: 'application list',
  synopsis: '[--community <id>] [--json]',
  summary: 'List the applications of the FIDO2 API 2.0.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { community: { type: 'string' }, json: { type: 'boolean' } } });
    return async (ctx) => {
      const apps = await listApplications({ db: ctx.db, communityId: values.community });
      if (values.json) return writeJson(ctx.io, apps);
      if (apps.length === 0) return writeLines(ctx.io, 'No applications yet. Create one: npx latchkey application create --community <id> --name <name>');
      writeLines(
        ctx.io,
        formatTable(
          ['ID', 'NAME', 'COMMUNITY', 'ORIGINS', 'SIGN-UP', 'TOKEN TTL', 'STATUS'],
          apps.map((a) => [a.id, a.name, a.communityId, a.origins.join(','), a.allowSignUp ? 'yes' : 'no', `${a.tokenTtlSeconds}s`, a.status]),
        ),
      );
    };
  },
};

export const applicationKey: TCommand = {
  name: 'application key',
  synopsis: '<applicationId> [--label <text>] [--json]',
  summary: "Create a management API key of an application (Authorization: Basic base64('<key>:') on /fido2/v2/mgmt).",
  parse(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, { options: { label: { type: 'string' }, json: { type: 'boolean' } }, positionals: ['applicationId'] });
    return async (ctx) => {
      const { apiKey, key } = await createApplicationKey({ db: ctx.db, input: { applicationId: positionals[0] ?? '', label: values.label }, actor: CLI_ACTOR });
      if (values.json) {
        ctx.io.stderr.write(`${KEY_WARNING}\n`);
        return writeJson(ctx.io, { apiKey, key });
      }
      writeLines(ctx.io, `Created management key ${apiKey.id} for application ${apiKey.applicationId}.`, '', `  ${key}`, '', KEY_WARNING, 'Revoke it with: npx latchkey apikey revoke ' + apiKey.id);
    };
  },
};
