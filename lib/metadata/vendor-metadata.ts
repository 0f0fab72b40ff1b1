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

/** Longest icon accepted: a `data:` URL of about 70 KB of image. */
export const MAX_ICON_LENGTH = 100_000;
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,([A-Za-z0-9+/]+={0,2})$/;

/**
 * Whether the start of the decoded image (a binary string, one char per byte) is an image of the
 * declared type: magic numbers, or an `<svg` element for SVG. Uses atob, so the same check runs in
 * the browser (the console's form) and on the server.
 */
function headMatchesType(type: string, base64: string): boolean {
  let head: string;
  try {
    // 8192 base64 characters (a multiple of 4) decode to the first 6 KB.
    head = atob(base64.slice(0, 8192));
  } catch {
    return false;
  }
  switch (type) {
    case 'png':
      return head.startsWith('\x89PNG\r\n\x1a\n');
    case 'jpeg':
      return head.startsWith('\xff\xd8\xff');
    case 'gif':
      return head.startsWith('GIF8');
    case 'webp':
      return head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP';
    default:
      return /<svg[\s>/]/i.test(head);
  }
}

/**
 * An icon given explicitly (admin console): a `data:image/{png,jpeg,gif,webp,svg+xml};base64,…`
 * URL of at most MAX_ICON_LENGTH characters whose bytes really are an image of that type. Nothing
 * is fetched: a URL would let a record point browsers anywhere.
 */
export const ZIconDataUrl = z
  .string()
  .max(MAX_ICON_LENGTH, `An icon may be at most ${Math.floor((MAX_ICON_LENGTH * 3) / 4 / 1000)} KB.`)
  .superRefine((value, ctx) => {
    const m = DATA_IMAGE.exec(value);
    if (!m) ctx.addIssue({ code: 'custom', message: 'An icon must be a PNG, JPEG, GIF, WebP or SVG image (a data:image/…;base64 URL).' });
    else if (!headMatchesType(m[1]!, m[2]!)) ctx.addIssue({ code: 'custom', message: `The icon's content is not a ${m[1] === 'svg+xml' ? 'SVG' : m[1]!.toUpperCase()} image.` });
  });
/** An explicit icon, or null to have none (undefined: taken from the metadata). */
const ZIconField = ZIconDataUrl.nullable().optional();

export const ZCreateVendorMetadataInput = z.object({
  aaguid: ZAaguid,
  metadata: ZMetadataText,
  name: ZName,
  disabled: z.boolean().optional(),
  updatedBy: ZUpdatedBy,
  iconLight: ZIconField,
  iconDark: ZIconField,
});
export type TCreateVendorMetadataInput = z.input<typeof ZCreateVendorMetadataInput>;

export const ZUpdateVendorMetadataInput = z.object({
  metadata: ZMetadataText.optional(),
  name: ZName.optional(),
  disabled: z.boolean().optional(),
  updatedBy: ZUpdatedBy,
  iconLight: ZIconField,
  iconDark: ZIconField,
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

function icon(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_ICON_LENGTH && DATA_IMAGE.test(value) ? value : null;
}

/**
 * The icons a create or update writes: those of new metadata (iconsOf), then the explicit
 * `iconLight` / `iconDark` of the input (null removes one). Undefined keys are left as they are.
 */
export function iconsToWrite(
  metadata: Record<string, unknown> | undefined,
  input: { iconLight?: string | null; iconDark?: string | null },
): { iconLight?: string | null; iconDark?: string | null } {
  return {
    ...(metadata !== undefined ? iconsOf(metadata) : {}),
    ...(input.iconLight !== undefined ? { iconLight: input.iconLight } : {}),
    ...(input.iconDark !== undefined ? { iconDark: input.iconDark } : {}),
  };
}

/**
 * Icons named by the metadata: `icon_light`/`icon_dark` (the community AAGUID list) or `icon`
 * (MDS3 §3.3). Only inline `data:image/...;base64` values are taken: nothing is fetched, and a
 * URL would let a record point browsers anywhere.
 */
export function iconsOf(metadata: Record<string, unknown>): { iconLight: string | null; iconDark: string | null } {
  return { iconLight: icon(metadata.icon_light) ?? icon(metadata.icon), iconDark: icon(metadata.icon_dark) };
}
