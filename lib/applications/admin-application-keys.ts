import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { API_KEY_DTO_SELECT, toApiKeyDto, type TApiKeyDto } from '../apikeys/api-key';
import { revokeApiKey } from '../apikeys/revoke-api-key';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { ZApplicationKeyCreate } from './application-schemas';
import { createApplicationKey } from './create-application-key';

async function assertApplicationInScope(tx: TTx, principal: TAdminPrincipal, applicationId: string): Promise<{ id: string; communityId: string }> {
  const app = await tx.application.findFirst({ where: { id: applicationId, ...communityRowScopeWhere(principal) }, select: { id: true, communityId: true } });
  if (!app) throw new AppError('applications.not_found', { detail: `${applicationId} not in the scope of admin ${principal.adminId}` });
  return app;
}

/**
 * The management API keys of an application the caller administers, newest first (prefix, label,
 * status, dates; never the secret or its hash).
 * @throws AppError `applications.not_found`
 */
export async function listApplicationKeys(options: { db: TTx; principal: TAdminPrincipal; applicationId: string }): Promise<TApiKeyDto[]> {
  const app = await assertApplicationInScope(options.db, options.principal, options.applicationId);
  const rows = await options.db.apiKey.findMany({ where: { applicationId: app.id, communityId: app.communityId }, select: API_KEY_DTO_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  return rows.map(toApiKeyDto);
}

/**
 * Creates a management API key for an application the caller administers; the key is returned
 * once (createApplicationKey).
 * @throws AppError `request.validation_failed`, `applications.not_found`
 */
export async function createApplicationKeyAsAdmin(options: { db: TDb; principal: TAdminPrincipal; applicationId: string; input: unknown }): Promise<{ apiKey: TApiKeyDto; key: string }> {
  const input = parseInput(ZApplicationKeyCreate, options.input ?? {});
  return options.db.$transaction(async (tx: TTx) => {
    const app = await assertApplicationInScope(tx, options.principal, options.applicationId);
    const { apiKey, key } = await createApplicationKey({ db: tx, input: { applicationId: app.id, ...(input.label ? { label: input.label } : {}) }, actor: adminActor(options.principal) });
    return { apiKey, key };
  });
}

/**
 * Revokes one key of an application the caller administers (idempotent, audited once).
 * @throws AppError `applications.not_found`, `apikeys.not_found`
 */
export async function revokeApplicationKey(options: { db: TDb; principal: TAdminPrincipal; applicationId: string; keyId: string }): Promise<TApiKeyDto> {
  return options.db.$transaction(async (tx: TTx) => {
    const app = await assertApplicationInScope(tx, options.principal, options.applicationId);
    const key = await tx.apiKey.findFirst({ where: { id: options.keyId, applicationId: app.id }, select: { id: true } });
    if (!key) throw new AppError('apikeys.not_found', { detail: `${options.keyId} is not a key of application ${app.id}` });
    return revokeApiKey({ db: tx, input: { id: key.id }, actor: adminActor(options.principal), scope: { communityId: app.communityId } });
  });
}
