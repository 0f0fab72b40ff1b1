import { z } from 'zod';
import { MAX_METADATA_LENGTH, ZAaguid, ZIconDataUrl } from './vendor-metadata';

/**
 * The schemas of the console's vendor metadata forms and endpoints (metadata-record.ts): zod
 * only, so the browser validates with the very same rules as the server.
 */

/** The `communityId` of a service-wide record in the console's forms and filters. */
export const GLOBAL_SCOPE = 'global';

/** Metadata JSON text: empty, or a JSON object (an MDS statement or anything the operator keeps). */
export const ZMetadataJsonText = z
  .string()
  .max(MAX_METADATA_LENGTH, `The metadata may be at most ${MAX_METADATA_LENGTH / 1000} KB.`)
  .refine((text) => {
    if (!text.trim()) return true;
    try {
      const v = JSON.parse(text) as unknown;
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  }, 'The metadata must be a JSON object, e.g. {"vendor": "Acme"}.');

/** An icon field of a form: a data:image URL, or '' / null for none. */
const ZIconInput = z.union([z.literal(''), z.null(), ZIconDataUrl]).transform((v) => (v ? v : null));

const ZName = z.string().trim().min(1, 'Enter a name.').max(200, 'A name has at most 200 characters.');

/** Create: where (a community id or "global"), AAGUID, name, icons, metadata JSON, disabled. */
export const ZMetadataRecordCreate = z
  .object({
    communityId: z.string().trim().min(1, 'Choose where the record applies.').max(100),
    aaguid: ZAaguid,
    name: ZName,
    iconLight: ZIconInput.optional(),
    iconDark: ZIconInput.optional(),
    metadata: ZMetadataJsonText.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type TMetadataRecordCreate = z.input<typeof ZMetadataRecordCreate>;

/** Edit (also disable / enable): the fields given change. AAGUID and scope stay. */
export const ZMetadataRecordUpdate = z
  .object({
    name: ZName.optional(),
    iconLight: ZIconInput.optional(),
    iconDark: ZIconInput.optional(),
    metadata: ZMetadataJsonText.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type TMetadataRecordUpdate = z.input<typeof ZMetadataRecordUpdate>;

