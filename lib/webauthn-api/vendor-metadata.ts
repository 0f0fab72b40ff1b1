import { z } from 'zod';
import type { TDb } from '../db';
import { parseInput } from '../errors/validation';
import type { TLicenseDto } from '../licenses/license';
import { assertLicenseAllows } from '../licenses/verify-license';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { listVendorMetadata } from '../metadata/list-vendor-metadata';
import { createVendorMetadata } from '../metadata/create-vendor-metadata';
import { updateVendorMetadata } from '../metadata/update-vendor-metadata';
import type { TCreateVendorMetadataInput, TUpdateVendorMetadataInput, TVendorMetadataDto } from '../metadata/vendor-metadata';
import { authorizeTarget } from './authorize';

/**
 * The spec 000 "Vendor Meta Data" operations over the lib/metadata use-cases. The license is
 * checked for the community of the path like every 000 call (authorize.ts); the special
 * community id `any` (fetch only) reads the records of every community and the service-wide
 * ones, and needs a `system` or `service` license (spec 000: "load all records matching special
 * communityId 'any' need system or service license"). Answers carry `status` and `errorMessage`
 * like the other 000 answers.
 */

/** The community id that fetches every record. */
export const ANY_COMMUNITY = 'any';
/** License levels that may fetch with {@link ANY_COMMUNITY}. */
export const ANY_COMMUNITY_LEVELS = ['system', 'service'] as const;

type TOk = { status: 'ok'; errorMessage: '' };
const OK: TOk = { status: 'ok', errorMessage: '' };

const ZFetchPayload = z.object({ aaguids: z.array(z.string()).nullish() });

/**
 * `POST /webauthn/vendormetadata/{communityId}/fetch` body `{aaguids?}`: the community's records
 * (disabled ones included), only those AAGUIDs when the list is non-empty.
 * @throws AppError `auth.forbidden`, `tenancy.community_not_found`, `request.validation_failed`
 */
export async function fetchVendorMetadataRecords(options: { db: TDb; license: TLicenseDto; communityId: string; payload: unknown }): Promise<TOk & { records: TVendorMetadataDto[] }> {
  const { db, license, communityId } = options;
  if (communityId === ANY_COMMUNITY) {
    assertLicenseAllows(license, { levels: ANY_COMMUNITY_LEVELS, communityId: undefined });
  } else {
    await authorizeTarget(db, license, { communityId });
  }
  // No body at all reads as `{}` (lib/http/body.ts); a JSON `null` is not an object.
  const payload = parseInput(ZFetchPayload, options.payload === undefined ? {} : options.payload);
  const records = await listVendorMetadata({
    db,
    scope: communityId === ANY_COMMUNITY ? 'all' : { communityId },
    aaguids: payload.aaguids ?? undefined,
  });
  return { ...OK, records };
}

/**
 * `PUT /webauthn/vendormetadata/{communityId}` body `{aaguid, metadata, name, disabled?, updatedBy}`.
 * @throws AppError `auth.forbidden`, `tenancy.community_not_found`, `request.validation_failed`, `metadata.exists`
 */
export async function createVendorMetadataRecord(options: { db: TDb; license: TLicenseDto; communityId: string; payload: unknown; meta?: TRequestMeta }): Promise<TOk & TVendorMetadataDto> {
  const { db, license, communityId } = options;
  await authorizeTarget(db, license, { communityId });
  // The use-case validates the body (lib/metadata/vendor-metadata.ts schemas).
  const input = options.payload as TCreateVendorMetadataInput;
  const record = await createVendorMetadata({ db, communityId, input, actor: `license:${license.id}`, meta: options.meta });
  return { ...record, ...OK };
}

/**
 * `PATCH /webauthn/vendormetadata/{communityId}/aaguid/{aaguid}` body `{metadata?, name?, disabled?, updatedBy}`.
 * @throws AppError `auth.forbidden`, `tenancy.community_not_found`, `request.validation_failed`, `metadata.not_found`
 */
export async function updateVendorMetadataRecord(options: {
  db: TDb;
  license: TLicenseDto;
  communityId: string;
  aaguid: string;
  payload: unknown;
  meta?: TRequestMeta;
}): Promise<TOk & TVendorMetadataDto> {
  const { db, license, communityId } = options;
  await authorizeTarget(db, license, { communityId });
  // The use-case validates the body and the AAGUID.
  const input = options.payload as TUpdateVendorMetadataInput;
  const record = await updateVendorMetadata({ db, communityId, aaguid: options.aaguid, input, actor: `license:${license.id}`, meta: options.meta });
  return { ...record, ...OK };
}
