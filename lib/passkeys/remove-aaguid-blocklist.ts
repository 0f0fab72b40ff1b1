import { z } from 'zod';
import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import { ZAaguid } from '../metadata/vendor-metadata';
import { changeAaguidBlocklist, type TAaguidBlockDto } from './aaguid-blocklist';
import type { TRequestMeta } from './audit-failure';

export const ZRemoveAaguidBlocklistInput = z.object({ aaguids: z.array(ZAaguid).min(1, 'at least one AAGUID').max(500, 'at most 500 AAGUIDs per call') });

/**
 * Removes AAGUIDs from the community's blocklist (002 "Remove AAGUIDs from blacklist", body
 * `{aaguids}`). AAGUIDs that are not listed are ignored.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`, `service.unavailable`
 */
export async function removeFromAaguidBlocklist(options: { db: TDb; communityId: string; input: unknown; actor: string; meta?: TRequestMeta }): Promise<TAaguidBlockDto[]> {
  const { aaguids } = parseInput(ZRemoveAaguidBlocklistInput, options.input);
  const remove = new Set(aaguids);
  return changeAaguidBlocklist({
    db: options.db,
    communityId: options.communityId,
    actor: options.actor,
    meta: options.meta,
    audit: { type: 'passkeys.aaguid_blocklist_removed', detail: { aaguids } },
    change: (list) => list.filter((b) => !remove.has(b.aaguid)),
  });
}
