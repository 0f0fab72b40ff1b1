import { inviteAdmin } from '../admin/invite-admin';
import { listAdmins } from '../admin/list-admins';
import { ADMIN_ROLES, ROLE_LABEL, type TAdminRole } from '../admin/principal';
import type { TAdminDto } from '../admin/admin-dto';
import { formatTable, parseCommandArgs, UsageError, writeJson, writeLines, type TCommand } from './command';

export const adminSetupLink: TCommand = {
  name: 'admin setup-link',
  synopsis: `[--role ${ADMIN_ROLES.join('|')}] [--tenant <id>] [--community <id>...] [--label <text>] [--json]`,
  summary: 'Print a fresh one-time admin setup link (valid 24 h) for the configured public URL; a system admin unless --role says otherwise.',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, {
      options: {
        role: { type: 'string' },
        tenant: { type: 'string' },
        community: { type: 'string', multiple: true },
        label: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const role = (values.role ?? 'system') as TAdminRole;
    if (!ADMIN_ROLES.includes(role)) throw new UsageError(`--role must be one of ${ADMIN_ROLES.join(', ')}`, this);
    const communities = values.community ?? [];
    if (role === 'tenant' && !values.tenant) throw new UsageError('--role tenant needs --tenant <id>', this);
    if (role === 'community' && communities.length === 0) throw new UsageError('--role community needs at least one --community <id>', this);
    if (role === 'system' && (values.tenant || communities.length > 0)) throw new UsageError('--tenant and --community go with --role tenant or community', this);
    if (role === 'tenant' && communities.length > 0) throw new UsageError('--community goes with --role community (a tenant admin has all of its tenant)', this);
    return async (ctx) => {
      const { url, invitation } = await inviteAdmin({ db: ctx.db, principal: null, origin: ctx.config.origin, input: { role, tenantId: values.tenant, communityIds: communities, label: values.label } });
      if (values.json) return writeJson(ctx.io, { url, expiresAt: invitation.expiresAt, invitation });
      const scope = invitation.tenant ? ` of ${invitation.communities.length > 0 ? invitation.communities.map((c) => c.name).join(', ') : `tenant ${invitation.tenant.name}`}` : '';
      writeLines(
        ctx.io,
        `One-time admin setup link for a ${ROLE_LABEL[invitation.role].toLowerCase()}${scope} (valid until ${invitation.expiresAt}):`,
        '',
        `  ${url}`,
        '',
        'Open it in a browser to register the administrator passkey. Anyone with the link can do so: share it privately.',
      );
    };
  },
};

function scopeOf(admin: TAdminDto): string {
  if (admin.role === 'system') return '(everything)';
  if (admin.role === 'tenant') return `tenant ${admin.tenant?.name ?? '?'}`;
  return admin.communities.map((c) => c.name).join(', ');
}

export const adminList: TCommand = {
  name: 'admin list',
  synopsis: '[--json]',
  summary: 'List the administrators of the admin console (username, role, scope, passkeys, last sign-in).',
  parse(argv) {
    const { values } = parseCommandArgs(this, argv, { options: { json: { type: 'boolean' } } });
    return async (ctx) => {
      const admins: TAdminDto[] = [];
      for (let page = 1, pages = 1; page <= pages; page += 1) {
        const result = await listAdmins({ db: ctx.db, principal: null, query: { page, pageSize: 100 } });
        admins.push(...result.items);
        pages = result.pageCount;
      }
      // `isYou` means nothing to the operator.
      if (values.json) return writeJson(ctx.io, admins.map((a) => Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'isYou'))));
      if (admins.length === 0) return writeLines(ctx.io, 'No administrators yet. Create the first one: npx latchkey admin setup-link');
      writeLines(
        ctx.io,
        formatTable(
          ['ID', 'USERNAME', 'NAME', 'ROLE', 'SCOPE', 'PASSKEYS', 'LAST SIGN-IN'],
          admins.map((a) => [a.id, a.username, a.displayName, a.role, scopeOf(a), String(a.passkeyCount), a.lastSignInAt ?? 'never']),
        ),
      );
    };
  },
};
