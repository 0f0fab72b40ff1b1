import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { matchesSearch, pageOf, type TPage } from '../admin/list-query';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope, communityRowScopeWhere } from '../admin/scope';
import { APPLICATION_DTO_SELECT, toApplicationDto, type TApplicationDto } from './application';
import { ZApplicationCreate, ZApplicationEdit, ZApplicationListQuery, ZApplicationStatus } from './application-schemas';
import { createApplication, normalizeApplicationOrigins } from './create-application';

/** An application as the console shows it: with its community and tenant, and its active keys. */
export type TAdminApplicationDto = TApplicationDto & { community: { id: string; name: string }; tenant: { id: string; name: string }; activeKeyCount: number };

const SELECT = {
  ...APPLICATION_DTO_SELECT,
  community: { select: { id: true, name: true, tenant: { select: { id: true, name: true } } } },
  _count: { select: { apiKeys: { where: { revokedAt: null } } } },
} as const;

type TRow = Parameters<typeof toApplicationDto>[0] & { community: { id: string; name: string; tenant: { id: string; name: string } }; _count: { apiKeys: number } };

function toAdminApplicationDto(row: TRow): TAdminApplicationDto {
  return { ...toApplicationDto(row), community: { id: row.community.id, name: row.community.name }, tenant: row.community.tenant, activeKeyCount: row._count.apiKeys };
}

/**
 * The applications of the communities the caller administers, searched by name or id, optionally
 * of one community, newest first, paged on the server.
 * @throws AppError `request.validation_failed`
 */
export async function listApplicationsForAdmin(options: { db: TTx; principal: TAdminPrincipal; query?: unknown }): Promise<TPage<TAdminApplicationDto>> {
  const query = parseInput(ZApplicationListQuery, options.query ?? {});
  const rows = await options.db.application.findMany({
    where: { ...communityRowScopeWhere(options.principal), ...(query.communityId ? { communityId: query.communityId } : {}) },
    select: SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  const page = pageOf(rows.filter((r) => matchesSearch(query.q, r.name, r.id, r.community.name)), query);
  return { ...page, items: page.items.map(toAdminApplicationDto) };
}

async function findInScope(tx: TTx, principal: TAdminPrincipal, applicationId: string) {
  const row = await tx.application.findFirst({ where: { id: applicationId, ...communityRowScopeWhere(principal) }, select: { ...SELECT, community: { select: { ...SELECT.community.select, tenantId: true, rpId: true, origins: true } } } });
  if (!row) throw new AppError('applications.not_found', { detail: `${applicationId} not in the scope of admin ${principal.adminId}` });
  return row;
}

/**
 * One application of a community the caller administers.
 * @throws AppError `applications.not_found`
 */
export async function getApplicationForAdmin(options: { db: TTx; principal: TAdminPrincipal; applicationId: string }): Promise<TAdminApplicationDto> {
  return toAdminApplicationDto(await findInScope(options.db, options.principal, options.applicationId));
}

function withOriginsField<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && (e.code === 'tenancy.invalid_origin' || e.code === 'apikeys.origin_not_in_community')) {
      throw new AppError(e.code, { detail: e.detail, fields: { origins: e.code === 'tenancy.invalid_origin' ? `${e.detail}: use an https:// origin (http:// only for localhost)` : `${e.detail}: not an origin of the community` } });
    }
    throw e;
  }
}

/**
 * Registers an application in a community the caller administers (createApplication's checks).
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`, `tenancy.invalid_origin`, `apikeys.origin_not_in_community`
 */
export async function createApplicationAsAdmin(options: { db: TDb; principal: TAdminPrincipal; input: unknown }): Promise<TAdminApplicationDto> {
  const input = parseInput(ZApplicationCreate, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    const community = await assertCommunityInScope({ db: tx, principal: options.principal, communityId: input.communityId });
    const rp = await tx.community.findUniqueOrThrow({ where: { id: community.id }, select: { rpId: true, origins: true } });
    withOriginsField(() => normalizeApplicationOrigins(rp, input.origins));
    const app = await createApplication({ db: tx, input, actor: adminActor(options.principal) });
    return toAdminApplicationDto(await findInScope(tx, options.principal, app.id));
  });
}

/**
 * Edits an application's name, origins, sign-up and token lifetime; audited with from/to.
 * @throws AppError `request.validation_failed`, `applications.not_found`, `tenancy.invalid_origin`, `apikeys.origin_not_in_community`
 */
export async function updateApplication(options: { db: TDb; principal: TAdminPrincipal; applicationId: string; input: unknown }): Promise<TAdminApplicationDto> {
  const input = parseInput(ZApplicationEdit, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    const row = await findInScope(tx, options.principal, options.applicationId);
    const origins = withOriginsField(() => normalizeApplicationOrigins(row.community, input.origins));
    const before = toApplicationDto(row);
    const next = { name: input.name, origins, allowSignUp: input.allowSignUp, tokenTtlSeconds: input.tokenTtlSeconds };
    const changes = Object.fromEntries(
      Object.entries(next)
        .filter(([k, v]) => JSON.stringify(before[k as keyof typeof next]) !== JSON.stringify(v))
        .map(([k, v]) => [k, { from: before[k as keyof typeof next], to: v }]),
    );
    if (Object.keys(changes).length === 0) return toAdminApplicationDto(row);
    await tx.application.update({ where: { id: row.id }, data: next });
    await writeAuditEvent(tx, { type: 'applications.updated', actor: adminActor(options.principal), result: 'success', tenantId: row.community.tenantId, communityId: row.communityId, subject: row.id, detail: { changes } });
    return toAdminApplicationDto(await findInScope(tx, options.principal, row.id));
  });
}

/**
 * Disables or enables an application. A disabled application is "not found" to the FIDO2 API 2.0
 * (findActiveApplication): its sign-ins and registrations stop; its keys stay as they are.
 * @throws AppError `request.validation_failed`, `applications.not_found`
 */
export async function setApplicationStatus(options: { db: TDb; principal: TAdminPrincipal; applicationId: string; input: unknown }): Promise<TAdminApplicationDto> {
  const { status } = parseInput(ZApplicationStatus, options.input);
  return options.db.$transaction(async (tx: TTx) => {
    const row = await findInScope(tx, options.principal, options.applicationId);
    if (row.status === status) return toAdminApplicationDto(row);
    await tx.application.update({ where: { id: row.id }, data: { status } });
    await writeAuditEvent(tx, {
      type: status === 'disabled' ? 'applications.disabled' : 'applications.enabled', actor: adminActor(options.principal), result: 'success',
      tenantId: row.community.tenantId, communityId: row.communityId, subject: row.id, detail: { name: row.name },
    });
    return toAdminApplicationDto(await findInScope(tx, options.principal, row.id));
  });
}
