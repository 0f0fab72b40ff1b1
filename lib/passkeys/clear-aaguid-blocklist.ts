import type { TDb } from '../db';
import { changeAaguidBlocklist } from './aaguid-blocklist';
import type { TRequestMeta } from './audit-failure';

/**
 * Empties the community's AAGUID blocklist (002 "Clear the AAGUID blacklist"); the allow/deny
 * rules of `aaguidPolicy` stay.
 * @throws AppError `tenancy.community_not_found`, `service.unavailable`
 */
export async function clearAaguidBlocklist(options: { db: TDb; communityId: string; actor: string; meta?: TRequestMeta }): Promise<void> {
  await changeAaguidBlocklist({
    db: options.db,
    communityId: options.communityId,
    actor: options.actor,
    meta: options.meta,
    audit: { type: 'passkeys.aaguid_blocklist_cleared', detail: {} },
    change: () => [],
  });
}
