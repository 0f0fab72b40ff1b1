import type { Prisma, TTx } from '../db';
import { AppError } from '../errors';
import type { TAdminPrincipal } from '../admin/principal';
import { communityRowScopeWhere } from '../admin/scope';

/**
 * Vendor metadata records in the admin console: the schemas of its forms and endpoints, the
 * record DTO and the scope rule. Service-wide records (`communityId` null) are seen by every
 * administrator, since they name passkeys in every community, and managed by system admins only;
 * community records by the administrators of that community. The console addresses a record by
 * its id. The schemas of its forms are in metadata-record-schema.ts (also used by the browser).
 */

export type TMetadataRecordDto = {
  id: string;
  aaguid: string;
  name: string;
  /** null: service-wide. */
  community: { id: string; name: string; tenantName: string } | null;
  iconLight: string | null;
  iconDark: string | null;
  disabled: boolean;
  updatedBy: string | null;
  updatedAt: string;
  /** Whether the caller may edit it (service-wide records: system admins only). */
  editable: boolean;
};

export type TMetadataRecordDetailDto = TMetadataRecordDto & { metadata: string };

/** The records the principal sees: the service-wide ones and those of the communities it administers. */
export function metadataRecordScopeWhere(principal: TAdminPrincipal): Prisma.VendorMetadataWhereInput {
  return { OR: [{ communityId: null }, communityRowScopeWhere(principal)] };
}

export const METADATA_RECORD_SELECT = {
  id: true,
  aaguid: true,
  name: true,
  iconLight: true,
  iconDark: true,
  disabled: true,
  updatedBy: true,
  updatedAt: true,
  community: { select: { id: true, name: true, tenant: { select: { name: true } } } },
} as const;

type TRecordRow = Prisma.VendorMetadataGetPayload<{ select: typeof METADATA_RECORD_SELECT }>;

export function toMetadataRecordDto(row: TRecordRow, principal: TAdminPrincipal): TMetadataRecordDto {
  return {
    id: row.id,
    aaguid: row.aaguid,
    name: row.name,
    community: row.community ? { id: row.community.id, name: row.community.name, tenantName: row.community.tenant.name } : null,
    iconLight: row.iconLight,
    iconDark: row.iconDark,
    disabled: row.disabled,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    editable: row.community !== null || principal.role === 'system',
  };
}

/** The stored metadata as the editor shows it: pretty JSON, or '' when empty. */
export function metadataText(metadata: unknown): string {
  return metadata && typeof metadata === 'object' && Object.keys(metadata).length > 0 ? JSON.stringify(metadata, null, 2) : '';
}

/**
 * One record the principal sees, with its metadata.
 * @throws AppError `metadata.not_found` (unknown or out of scope)
 */
export async function getMetadataRecord(options: { db: TTx; principal: TAdminPrincipal; recordId: string }): Promise<TMetadataRecordDetailDto> {
  const row = await options.db.vendorMetadata.findFirst({
    where: { AND: [{ id: options.recordId }, metadataRecordScopeWhere(options.principal)] },
    select: { ...METADATA_RECORD_SELECT, metadata: true },
  });
  if (!row) throw new AppError('metadata.not_found', { detail: `${options.recordId} not in the scope of admin ${options.principal.adminId}` });
  return { ...toMetadataRecordDto(row, options.principal), metadata: metadataText(row.metadata) };
}

/** What the records say updated them: the administrator's username. */
export async function updatedByOf(db: TTx, principal: TAdminPrincipal): Promise<string> {
  const user = await db.user.findUnique({ where: { id: principal.userId }, select: { username: true } });
  return user?.username ?? `admin:${principal.adminId}`;
}
