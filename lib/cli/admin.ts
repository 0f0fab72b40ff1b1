import { createSetupLink } from '../admin/create-setup-link';
import { CLI_ACTOR, parseCommandArgs, writeJson, writeLines, type TCommand } from './command';

export const adminSetupLink: TCommand = {
  name: 'admin setup-link',
  synopsis: '[--json]',
  summary: 'Print a fresh one-time admin setup link (valid 24 h) for the configured public URL.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } } });
    return async (ctx) => {
      const link = await ctx.db.$transaction((tx) => createSetupLink({ db: tx, origin: ctx.config.origin, actor: CLI_ACTOR }));
      if (values.json) return writeJson(ctx.io, { url: link.url, expiresAt: link.expiresAt.toISOString() });
      writeLines(
        ctx.io,
        `One-time admin setup link (valid until ${link.expiresAt.toISOString()}):`,
        '',
        `  ${link.url}`,
        '',
        'Open it in a browser to register the administrator passkey. Anyone with the link can do so: share it privately.',
      );
    };
  },
};
