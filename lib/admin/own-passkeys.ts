import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { finishRegistration } from '../passkeys/finish-registration';
import { listPasskeys, renamePasskey, type TPasskeyOwner } from '../passkeys/manage-passkeys';
import type { TPasskeyDto } from '../passkeys/passkey-dto';
import { startRegistration } from '../passkeys/start-registration';
import { getConsoleCommunityId } from './console-community';
import { adminActor, type TAdminPrincipal } from './principal';

/**
 * "My account": an administrator's own passkeys in the console community, through the same
 * lib/passkeys use-cases as everyone's. Every query is scoped to the console community and the
 * caller's own user, so another administrator's passkey is simply not found.
 */

async function ownerOf(db: TTx, principal: TAdminPrincipal): Promise<TPasskeyOwner> {
  return { communityId: await getConsoleCommunityId(db), userId: principal.userId };
}

/** The caller's passkeys, newest first. */
export async function listOwnPasskeys(options: { db: TTx; principal: TAdminPrincipal }): Promise<TPasskeyDto[]> {
  return listPasskeys({ db: options.db, owner: await ownerOf(options.db, options.principal) });
}

/**
 * Starts adding a passkey (so an administrator is not locked out when a device is lost).
 * @throws AppError `auth.unauthenticated` (the caller's user is gone)
 */
export async function startOwnPasskeyRegistration(options: { db: TTx; principal: TAdminPrincipal; now?: Date }): Promise<{ options: PublicKeyCredentialCreationOptionsJSON }> {
  const owner = await ownerOf(options.db, options.principal);
  return startRegistration({ db: options.db, communityId: owner.communityId, realm: 'console', userId: owner.userId, now: options.now });
}

/**
 * Finishes adding a passkey; the ceremony must be the caller's own.
 * @throws AppError as finishRegistration
 */
export async function finishOwnPasskeyRegistration(options: { db: TDb; principal: TAdminPrincipal; response: unknown; meta?: TRequestMeta; now?: Date }): Promise<{ passkey: TPasskeyDto }> {
  const owner = await ownerOf(options.db, options.principal);
  const result = await finishRegistration({ db: options.db, communityId: owner.communityId, realm: 'console', userId: owner.userId, response: options.response, meta: options.meta, now: options.now });
  return { passkey: result.passkey };
}

/**
 * Renames one of the caller's passkeys.
 * @throws AppError `request.validation_failed`, `passkeys.not_found`
 */
export async function renameOwnPasskey(options: { db: TDb; principal: TAdminPrincipal; passkeyId: string; input: unknown }): Promise<TPasskeyDto> {
  return renamePasskey({ db: options.db, owner: await ownerOf(options.db, options.principal), passkeyId: options.passkeyId, input: options.input });
}

/**
 * Deletes one of the caller's passkeys, but never the last: an administrator without a passkey
 * could not sign in again. Concurrent deletes of the last two are serialised on the user's row.
 * @throws AppError `passkeys.not_found`, `admin.last_passkey`
 */
export async function deleteOwnPasskey(options: { db: TDb; principal: TAdminPrincipal; passkeyId: string; now?: Date }): Promise<{ remaining: number }> {
  const owner = await ownerOf(options.db, options.principal);
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx: TTx) => {
    await tx.user.updateMany({ where: { id: owner.userId, communityId: owner.communityId }, data: { updatedAt: now } });
    const passkey = await tx.passkey.findFirst({ where: { id: options.passkeyId, ...owner }, select: { id: true } });
    if (!passkey) throw new AppError('passkeys.not_found', { detail: options.passkeyId });
    const count = await tx.passkey.count({ where: owner });
    if (count <= 1) throw new AppError('admin.last_passkey', { detail: options.passkeyId });
    await tx.passkey.delete({ where: { id: passkey.id } });
    await writeAuditEvent(tx, { type: 'passkeys.deleted', actor: adminActor(options.principal), result: 'success', communityId: owner.communityId, subject: passkey.id, detail: { remaining: count - 1 } });
    return { remaining: count - 1 };
  });
}
