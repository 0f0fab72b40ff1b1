import { z } from 'zod';

/**
 * Vendor metadata records (prisma `VendorMetadata`): what an operator or a licensed client says
 * about an authenticator model, by AAGUID, for one community (`communityId`) or service-wide
 * (`communityId: null`). The same rows name new passkeys (resolve-authenticator.ts), so the 000
 * API and the admin console edit what registrations use. Shared schemas and the DTO of the
 * list, create and update use-cases.
 */

/** An AAGUID: a UUID in any case, stored and compared lowercased (resolve-authenticator.ts). */
export const ZAaguid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID (8-4-4-4-12 hex digits)')
  .transform((s) => s.toLowerCase());

/** Longest metadata text accepted: an MDS3 statement with icons fits, and so does its envelope under the body limit. */
export const MAX_METADATA_LENGTH = 150_000;

const ZName = z.string().trim().min(1).max(200);
const ZUpdatedBy = z.string().trim().min(1).max(200);
/** The vendor's metadata: JSON text (an MDS statement) or free text (spec 000 types it `string`). */
const ZMetadataText = z.string().max(MAX_METADATA_LENGTH);

export const ZCreateVendorMetadataInput = z.object({
  aaguid: ZAaguid,
  metadata: ZMetadataText,
  name: ZName,
  disabled: z.boolean().optional(),
  updatedBy: ZUpdatedBy,
});
export type TCreateVendorMetadataInput = z.input<typeof ZCreateVendorMetadataInput>;

export const ZUpdateVendorMetadataInput = z.object({
  metadata: ZMetadataText.optional(),
  name: ZName.optional(),
  disabled: z.boolean().optional(),
  updatedBy: ZUpdatedBy,
});
export type TUpdateVendorMetadataInput = z.input<typeof ZUpdateVendorMetadataInput>;

export type TVendorMetadataDto = {
  aaguid: string;
  name: string;
  /** The parsed JSON object of the metadata text, or `{text}` for anything else. */
  metadata: Record<string, unknown>;
  disabled: boolean;
  /** null: a service-wide record. */
  communityId: string | null;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export const VENDOR_METADATA_SELECT = {
  aaguid: true,
  name: true,
  metadata: true,
  disabled: true,
  communityId: true,
  updatedBy: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function toVendorMetadataDto(row: {
  aaguid: string;
  name: string;
  metadata: unknown;
  disabled: boolean;
  communityId: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}): TVendorMetadataDto {
  const metadata = isPlainObject(row.metadata) ? row.metadata : {};
  return {
    aaguid: row.aaguid,
    name: row.name,
    metadata,
    disabled: row.disabled,
    communityId: row.communityId,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The stored form of metadata text: the parsed object when the text is a JSON object (an MDS
 * statement), otherwise `{text}` so free text is kept as given and the column always holds an
 * object.
 */
export function parseMetadataText(text: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // free text
  }
  return { text };
}

const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/;
const MAX_ICON_LENGTH = 100_000;

function icon(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_ICON_LENGTH && DATA_IMAGE.test(value) ? value : null;
}

/**
 * Icons named by the metadata: `icon_light`/`icon_dark` (the community AAGUID list) or `icon`
 * (MDS3 §3.3). Only inline `data:image/...;base64` values are taken: nothing is fetched, and a
 * URL would let a record point browsers anywhere.
 */
export function iconsOf(metadata: Record<string, unknown>): { iconLight: string | null; iconDark: string | null } {
  return { iconLight: icon(metadata.icon_light) ?? icon(metadata.icon), iconDark: icon(metadata.icon_dark) };
}
