import { z } from 'zod';
import type { Prisma, TTx } from '../db';
import { parseInput } from '../errors/validation';
import type { TAdminPrincipal } from '../admin/principal';
import { assertCommunityInScope } from '../admin/scope';
import { matchesSearch, pageOf, ZListQuery, type TPage } from '../admin/list-query';
import { METADATA_RECORD_SELECT, metadataRecordScopeWhere, toMetadataRecordDto, type TMetadataRecordDto } from './metadata-record';
import { GLOBAL_SCOPE } from './metadata-record-schema';

/** The list's query: search (AAGUID or name), paging, and the filters `community` (an id or "global") and `status`. */
export const ZMetadataRecordQuery = ZListQuery.extend({
  community: z.string().trim().max(100).optional().transform((v) => (v ? v : undefined)),
  status: z.enum(['enabled', 'disabled'], { message: 'status must be enabled or disabled' }).optional(),
}).strict();
export type TMetadataRecordQueryInput = z.input<typeof ZMetadataRecordQuery>;

/**
 * The vendor metadata records the caller sees (service-wide ones and those of its communities),
 * searched by AAGUID or name and paged on the server, ordered by name. Filtered by `community`
 * (a community in scope, or "global") and `status`. The scoped rows are searched in memory
 * (Unicode-aware, case-insensitive on both databases) without their metadata and icons; the
 * icons are loaded for the page shown only.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found` (a filter outside the scope)
 */
export async function listMetadataRecords(options: { db: TTx; principal: TAdminPrincipal; query?: TMetadataRecordQueryInput }): Promise<TPage<TMetadataRecordDto>> {
  const { db, principal } = options;
  const query = parseInput(ZMetadataRecordQuery, options.query ?? {});
  const where: Prisma.VendorMetadataWhereInput[] = [metadataRecordScopeWhere(principal)];
  if (query.community === GLOBAL_SCOPE) where.push({ communityId: null });
  else if (query.community) where.push({ communityId: (await assertCommunityInScope({ db, principal, communityId: query.community })).id });
  if (query.status) where.push({ disabled: query.status === 'disabled' });
  const rows = await db.vendorMetadata.findMany({ where: { AND: where }, select: { id: true, aaguid: true, name: true } });
  const visible = rows
    .filter((r) => matchesSearch(query.q, r.aaguid, r.name))
    .sort((a, b) => a.name.localeCompare(b.name) || a.aaguid.localeCompare(b.aaguid) || a.id.localeCompare(b.id));
  const page = pageOf(visible, query);
  const full = await db.vendorMetadata.findMany({ where: { id: { in: page.items.map((r) => r.id) } }, select: METADATA_RECORD_SELECT });
  const byId = new Map(full.map((r) => [r.id, r]));
  return { ...page, items: page.items.flatMap((r) => (byId.has(r.id) ? [toMetadataRecordDto(byId.get(r.id)!, principal)] : [])) };
}
