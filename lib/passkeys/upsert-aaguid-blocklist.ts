import { z } from 'zod';
import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import { ZAaguid } from '../metadata/vendor-metadata';
import { changeAaguidBlocklist, type TAaguidBlockDto } from './aaguid-blocklist';
import type { TRequestMeta } from './audit-failure';

export const ZUpsertAaguidBlocklistInput = z.object({
  items: z
    .array(z.object({ aaguid: ZAaguid, reg: z.boolean(), auth: z.boolean() }))
    .min(1, 'at least one item')
    .max(500, 'at most 500 items per call')
    .refine((items) => new Set(items.map((i) => i.aaguid)).size === items.length, 'each AAGUID at most once'),
});

/**
 * Adds AAGUIDs to the community's blocklist or updates their `reg` / `auth` flags (002 "Add or
 * Update AAGUIDs in the blacklist", body `{items: [{aaguid, reg, auth}]}`). From the next
 * ceremony on, every dialect refuses blocked registrations and sign-ins (rp.ts). An entry with
 * both flags false stays listed but blocks nothing.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`, `service.unavailable`
 */
export async function upsertAaguidBlocklist(options: { db: TDb; communityId: string; input: unknown; actor: string; meta?: TRequestMeta; now?: Date }): Promise<TAaguidBlockDto[]> {
  const { items } = parseInput(ZUpsertAaguidBlocklistInput, options.input);
  const updatedAt = (options.now ?? new Date()).toISOString();
  return changeAaguidBlocklist({
    db: options.db,
    communityId: options.communityId,
    actor: options.actor,
    meta: options.meta,
    audit: { type: 'passkeys.aaguid_blocklist_updated', detail: { items } },
    change: (list) => {
      const byId = new Map(list.map((b) => [b.aaguid, b]));
      for (const item of items) byId.set(item.aaguid, { ...item, updatedAt });
      return [...byId.values()];
    },
  });
}
