import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { inTransaction } from '../licenses/license';
import { resolveAuthenticators } from '../metadata/resolve-authenticator';
import { PASSKEY_DTO_SELECT, PASSKEY_NAME_MAX, toPasskeyDto, type TPasskeyDto } from './passkey-dto';

/** Whose passkeys: every query carries the community and the owner (CONVENTIONS.md §8). */
export type TPasskeyOwner = { communityId: string; userId: string };

/** The owner's passkeys, newest first, named by their authenticator model. */
export async function listPasskeys(options: { db: TTx; owner: TPasskeyOwner }): Promise<TPasskeyDto[]> {
  const rows = await options.db.passkey.findMany({ where: { communityId: options.owner.communityId, userId: options.owner.userId }, select: PASSKEY_DTO_SELECT, orderBy: { createdAt: 'desc' } });
  const names = await resolveAuthenticators(options.db, options.owner.communityId, rows.map((r) => r.aaguid));
  return rows.map((r) => toPasskeyDto(r, names.get(r.aaguid.toLowerCase())));
}

export const ZPasskeyName = z.object({ name: z.string().trim().min(1, 'Enter a name.').max(PASSKEY_NAME_MAX, `A name has at most ${PASSKEY_NAME_MAX} characters.`) });

/**
 * Renames one of the owner's passkeys.
 * @throws AppError `request.validation_failed`, `passkeys.not_found` (unknown or not the owner's)
 */
export async function renamePasskey(options: { db: TDb; owner: TPasskeyOwner; passkeyId: string; input: unknown; actor?: string }): Promise<TPasskeyDto> {
  const { name } = parseInput(ZPasskeyName, options.input);
  const { communityId, userId } = options.owner;
  return options.db.$transaction(async (tx: TTx) => {
    const { count } = await tx.passkey.updateMany({ where: { id: options.passkeyId, communityId, userId }, data: { name } });
    if (count !== 1) throw new AppError('passkeys.not_found', { detail: options.passkeyId });
    await writeAuditEvent(tx, { type: 'passkeys.renamed', actor: options.actor ?? `user:${userId}`, result: 'success', communityId, subject: options.passkeyId, detail: { name } });
    const row = await tx.passkey.findUniqueOrThrow({ where: { id: options.passkeyId }, select: PASSKEY_DTO_SELECT });
    const names = await resolveAuthenticators(tx, communityId, [row.aaguid]);
    return toPasskeyDto(row, names.get(row.aaguid.toLowerCase()));
  });
}

/**
 * Deletes one of the owner's passkeys (the last one too: the page warns before). Joins the
 * caller's transaction when given one (the console's revokeUserPasskey).
 * @throws AppError `passkeys.not_found` (unknown or not the owner's)
 */
export async function deletePasskey(options: { db: TDb | TTx; owner: TPasskeyOwner; passkeyId: string; actor?: string }): Promise<{ remaining: number }> {
  const { communityId, userId } = options.owner;
  return inTransaction(options.db, async (tx: TTx) => {
    const { count } = await tx.passkey.deleteMany({ where: { id: options.passkeyId, communityId, userId } });
    if (count !== 1) throw new AppError('passkeys.not_found', { detail: options.passkeyId });
    const remaining = await tx.passkey.count({ where: { communityId, userId } });
    await writeAuditEvent(tx, { type: 'passkeys.deleted', actor: options.actor ?? `user:${userId}`, result: 'success', communityId, subject: options.passkeyId, detail: { remaining } });
    return { remaining };
  });
}
