import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';
import { revokeApiKey } from './revoke-api-key';
import { withApiKeyNames, type TAdminApiKeyDto } from './admin-api-key';

/**
 * Revokes an API key of a community the caller administers, through the CLI's use-case
 * (idempotent; `apikeys.revoked` audited once with actor `admin:<id>`). A key outside the scope is
 * "not found" and stays active.
 * @throws AppError `apikeys.not_found`
 */
export async function revokeApiKeyAsAdmin(options: { db: TDb; principal: TAdminPrincipal; apiKeyId: string; now?: Date }): Promise<TAdminApiKeyDto> {
  return options.db.$transaction(async (tx: TTx) => {
    const found = await tx.apiKey.findFirst({ where: { id: options.apiKeyId, ...communityRowScopeWhere(options.principal) }, select: { id: true, communityId: true } });
    if (!found) throw new AppError('apikeys.not_found', { detail: `${options.apiKeyId} not in the scope of admin ${options.principal.adminId}` });
    const revoked = await revokeApiKey({ db: tx, input: { id: found.id }, actor: adminActor(options.principal), scope: { communityId: found.communityId }, now: options.now });
    const [apiKey] = await withApiKeyNames(tx, [revoked]);
    return apiKey!;
  });
}
