import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { hashSecret, randomToken } from '../crypto/tokens';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import { API_KEY_DTO_SELECT, API_KEY_PREFIX, API_KEY_PREFIX_LENGTH, toApiKeyDto, type TApiKeyDto } from '../apikeys/api-key';

export const ZCreateApplicationKeyInput = z
  .object({
    applicationId: z.string().trim().min(1, 'applicationId is required').max(128),
    label: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TCreateApplicationKeyInput = z.input<typeof ZCreateApplicationKeyInput>;

/**
 * Creates a management API key of a FIDO2 API 2.0 application (`Authorization: Basic
 * base64("<key>:")`, WIRE-NOTES §2). Same secret format and storage as the spec 001 keys
 * (`lkk_` + 256 random bits, only the SHA-256 kept), bound to the application and its community;
 * it carries no allowed origins because management calls come from the application's back end.
 * The key is returned once.
 * @throws AppError `request.validation_failed`, `applications.not_found`
 */
export async function createApplicationKey(options: { db: TDb | TTx; input: TCreateApplicationKeyInput; actor: string; now?: Date }): Promise<{ apiKey: TApiKeyDto & { applicationId: string }; key: string }> {
  const input = parseInput(ZCreateApplicationKeyInput, options.input);
  const key = API_KEY_PREFIX + randomToken();
  return inTransaction(options.db, async (tx) => {
    const app = await tx.application.findFirst({ where: { id: input.applicationId }, select: { id: true, communityId: true, community: { select: { tenantId: true } } } });
    if (!app) throw new AppError('applications.not_found', { detail: input.applicationId });
    const row = await tx.apiKey.create({
      data: {
        communityId: app.communityId,
        applicationId: app.id,
        secretHash: hashSecret(key),
        keyPrefix: key.slice(0, API_KEY_PREFIX_LENGTH),
        allowedOrigins: [],
        label: input.label ?? null,
        ...(options.now ? { createdAt: options.now } : {}),
      },
      select: API_KEY_DTO_SELECT,
    });
    await writeAuditEvent(tx, {
      type: 'applications.key_created',
      actor: options.actor,
      result: 'success',
      tenantId: app.community.tenantId,
      communityId: app.communityId,
      subject: row.id,
      detail: { applicationId: app.id, keyPrefix: row.keyPrefix, label: row.label },
    });
    return { apiKey: { ...toApiKeyDto(row), applicationId: app.id }, key };
  });
}
