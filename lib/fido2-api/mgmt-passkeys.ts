import { z } from 'zod';
import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import { getPasskey } from '../passkeys/get-passkey';
import { deletePasskey, renamePasskey } from '../passkeys/manage-passkeys';
import type { TRequestMeta } from '../passkeys/audit-failure';

/** 002 mgmt rename body. */
export const ZMgmtPasskeyRename = z.object({ passkeyName: z.string() });

/**
 * 002 mgmt "Rename a passkey" (`{passkeyName}`): any passkey of the caller's community, renamed
 * through the owner-scoped core use-case once its owner is known.
 * @throws AppError `request.validation_failed`, `passkeys.not_found`
 */
export async function renamePasskeyByManagement(options: { db: TDb; communityId: string; passkeyId: string; input: unknown; actor: string; meta?: TRequestMeta }): Promise<void> {
  const { passkeyName } = parseInput(ZMgmtPasskeyRename, options.input);
  const { user } = await getPasskey({ db: options.db, communityId: options.communityId, passkeyId: options.passkeyId });
  await renamePasskey({ db: options.db, owner: { communityId: options.communityId, userId: user.id }, passkeyId: options.passkeyId, input: { name: passkeyName }, actor: options.actor });
}

/**
 * 002 mgmt "Delete passkey": any passkey of the caller's community.
 * @throws AppError `passkeys.not_found`
 */
export async function deletePasskeyByManagement(options: { db: TDb; communityId: string; passkeyId: string; actor: string }): Promise<void> {
  const { user } = await getPasskey({ db: options.db, communityId: options.communityId, passkeyId: options.passkeyId });
  await deletePasskey({ db: options.db, owner: { communityId: options.communityId, userId: user.id }, passkeyId: options.passkeyId, actor: options.actor });
}
