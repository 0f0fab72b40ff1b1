import { createLicense } from '../licenses/create-license';
import { AUTH_LEVELS, type TLicenseDto } from '../licenses/license';
import { listLicenses } from '../licenses/list-licenses';
import { revokeLicense } from '../licenses/revoke-license';
import { CLI_ACTOR, formatTable, parseCommandArgs, UsageError, writeJson, writeLines, type TCommand } from './command';

const KEY_WARNING = 'Store this key now: it is shown only once. Only its hash is stored, so it cannot be recovered.';

function communitiesOf(license: TLicenseDto): string {
  if (license.communityIds.length > 0) return license.communityIds.join(',');
  return license.authLevel === 'system' ? '(all)' : '-';
}

export const licenseCreate: TCommand = {
  name: 'license create',
  synopsis: `--level ${AUTH_LEVELS.join('|')} --community <id>... [--tenant <id>] [--label <text>] [--json]`,
  summary: 'Create a license key for the /webauthn and /authn APIs (a system license may omit --community: all).',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, {
      options: {
        level: { type: 'string' },
        community: { type: 'string', multiple: true },
        tenant: { type: 'string' },
        label: { type: 'string' },
        json: { type: 'boolean' },
      },
      required: ['level'],
    });
    // Only a service-wide system license may omit its communities (it then covers all of them).
    // (An unknown level is left to the use-case: licenses.invalid_auth_level.)
    const level = AUTH_LEVELS.find((l) => l === values.level);
    if (level !== undefined && level !== 'system' && (values.community ?? []).length === 0) {
      throw new UsageError('missing required option --community (only a system license may omit it)', this);
    }
    return async (ctx) => {
      const { license, key } = await createLicense({
        db: ctx.db,
        input: { authLevel: values.level ?? '', communityIds: values.community ?? [], label: values.label, tenantId: values.tenant },
        actor: CLI_ACTOR,
      });
      if (values.json) {
        ctx.io.stderr.write(`${KEY_WARNING}\n`);
        return writeJson(ctx.io, { license, key });
      }
      writeLines(
        ctx.io,
        `Created license ${license.id} (level ${license.authLevel}, communities ${communitiesOf(license)}${license.label ? `, label "${license.label}"` : ''}).`,
        '',
        `  ${key}`,
        '',
        KEY_WARNING,
      );
    };
  },
};

export const licenseRevoke: TCommand = {
  name: 'license revoke',
  synopsis: '<id> [--json]',
  summary: 'Revoke a license; requests with its key are refused from now on. Revoking twice is harmless.',
  parse(argv) {
    const { values, positionals } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } }, positionals: ['id'] });
    return async (ctx) => {
      const license = await revokeLicense({ db: ctx.db, input: { id: positionals[0] ?? '' }, actor: CLI_ACTOR });
      if (values.json) return writeJson(ctx.io, license);
      writeLines(ctx.io, `License ${license.id} (${license.keyPrefix}…) is revoked since ${license.revokedAt}.`);
    };
  },
};

export const licenseList: TCommand = {
  name: 'license list',
  synopsis: '[--json]',
  summary: 'List licenses (key prefix, level, communities, status); keys themselves are never shown.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } } });
    return async (ctx) => {
      const licenses = await listLicenses({ db: ctx.db });
      if (values.json) return writeJson(ctx.io, licenses);
      if (licenses.length === 0) return writeLines(ctx.io, 'No licenses yet. Create one: npx latchkey license create --level app --community <id>');
      writeLines(
        ctx.io,
        formatTable(
          ['ID', 'KEY', 'LEVEL', 'COMMUNITIES', 'STATUS', 'LAST USED', 'LABEL'],
          licenses.map((l) => [l.id, `${l.keyPrefix}…`, l.authLevel, communitiesOf(l), l.status, l.lastUsedAt ?? 'never', l.label ?? '']),
        ),
      );
    };
  },
};
