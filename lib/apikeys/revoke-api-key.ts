import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import { API_KEY_DTO_SELECT, toApiKeyDto, type TApiKeyDto } from './api-key';

export const ZRevokeApiKeyInput = z.object({ id: z.string().trim().min(1, 'id is required') }).strict();
export type TRevokeApiKeyInput = z.input<typeof ZRevokeApiKeyInput>;

/**
 * Revokes an API key: from `revokedAt` on, `findActiveApiKey` no longer finds it.
 *
 * Idempotent: revoking a revoked key returns it unchanged (its first `revokedAt`) without a second
 * audit event. The update is conditional on `revokedAt` being unset, so two concurrent revocations
 * record one event. `scope.communityId` restricts the call to one community's keys; a key outside
 * the scope is reported as not found and left unchanged.
 *
 * @throws AppError `request.validation_failed`, `apikeys.not_found`
 */
export async function revokeApiKey(options: {
  db: TDb | TTx;
  input: TRevokeApiKeyInput;
  actor: string;
  scope?: { communityId: string };
  now?: Date;
}): Promise<TApiKeyDto> {
  const { id } = parseInput(ZRevokeApiKeyInput, options.input);
  const now = options.now ?? new Date();
  const where = { id, ...(options.scope ? { communityId: options.scope.communityId } : {}) };

  return inTransaction(options.db, async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    const row = await tx.apiKey.findFirst({ where, select: { ...API_KEY_DTO_SELECT, community: { select: { tenantId: true } } } });
    if (!row) throw new AppError('apikeys.not_found', { detail: id });
    if (count === 1) {
      await writeAuditEvent(tx, {
        type: 'apikeys.revoked',
        actor: options.actor,
        result: 'success',
        tenantId: row.community.tenantId,
        communityId: row.communityId,
        subject: row.id,
        detail: { keyPrefix: row.keyPrefix },
      });
    }
    return toApiKeyDto(row);
  });
}
