import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import {
  VENDOR_METADATA_SELECT,
  ZCreateVendorMetadataInput,
  iconsToWrite,
  parseMetadataText,
  toVendorMetadataDto,
  type TCreateVendorMetadataInput,
  type TVendorMetadataDto,
} from './vendor-metadata';

/** Attempts of a create that lost a serialization race (PostgreSQL SSI) before it gives up. */
const MAX_ATTEMPTS = 5;

/**
 * A transaction the database aborted to keep it serializable: SQLSTATE 40001, which the driver
 * adapter reports as `TransactionWriteConflict` (Prisma P2034 without an adapter).
 */
function isSerializationFailure(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { kind?: string } } | undefined;
  if (err?.code === 'P2034' || err?.code === '40001' || err?.cause?.kind === 'TransactionWriteConflict') return true;
  return /TransactionWriteConflict|could not serialize/i.test(String(err?.message ?? ''));
}

/**
 * Creates the vendor metadata record of an AAGUID in a community, or service-wide
 * (`communityId: null`). From then on it names new passkeys of that model in its scope
 * (resolve-authenticator.ts) unless `disabled`. `metadata` is stored parsed when it is a JSON
 * object, else as `{text}`; inline `data:image` icons in it become the record's icons.
 *
 * The unique index (communityId, aaguid) refuses a second community record; service-wide rows
 * have a NULL communityId, which the index treats as distinct, so their uniqueness is kept by
 * a serializable transaction (lookup and insert), retried when the database aborts it. SQLite
 * runs one write transaction at a time (lib/db/sqlite-serialized.ts), so there it never conflicts.
 * One audit event in the same transaction.
 * @throws AppError `request.validation_failed`, `tenancy.community_not_found`, `metadata.exists`,
 *   `service.unavailable` (still conflicting after retries)
 */
export async function createVendorMetadata(options: {
  db: TDb;
  communityId: string | null;
  input: TCreateVendorMetadataInput;
  actor: string;
  meta?: TRequestMeta;
}): Promise<TVendorMetadataDto> {
  const { db, communityId, actor } = options;
  const input = parseInput(ZCreateVendorMetadataInput, options.input);
  const metadata = parseMetadataText(input.metadata);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx: TTx) => {
          let tenantId: string | null = null;
          if (communityId !== null) {
            const community = await tx.community.findUnique({ where: { id: communityId }, select: { tenantId: true } });
            if (!community) throw new AppError('tenancy.community_not_found', { detail: communityId });
            tenantId = community.tenantId;
          } else if (await tx.vendorMetadata.findFirst({ where: { communityId: null, aaguid: input.aaguid }, select: { id: true } })) {
            throw new AppError('metadata.exists', { detail: `service-wide ${input.aaguid}` });
          }
          const row = await tx.vendorMetadata.create({
            data: {
              communityId,
              aaguid: input.aaguid,
              name: input.name,
              metadata: metadata as object,
              ...iconsToWrite(metadata, input),
              disabled: input.disabled ?? false,
              updatedBy: input.updatedBy,
            },
            select: VENDOR_METADATA_SELECT,
          });
          await writeAuditEvent(tx, {
            type: 'metadata.vendor_created',
            actor,
            result: 'success',
            tenantId,
            communityId,
            subject: input.aaguid,
            ip: options.meta?.ip,
            userAgent: options.meta?.userAgent,
            detail: { aaguid: input.aaguid, name: input.name, disabled: row.disabled, updatedBy: input.updatedBy },
          });
          return toVendorMetadataDto(row);
        },
        { isolationLevel: 'Serializable' },
      );
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'P2002') throw new AppError('metadata.exists', { detail: `${communityId ?? 'service-wide'} ${input.aaguid}`, cause: e });
      // The community went away between the lookup and the insert.
      if (code === 'P2003') throw new AppError('tenancy.community_not_found', { detail: String(communityId), cause: e });
      if (isSerializationFailure(e)) {
        if (attempt >= MAX_ATTEMPTS) throw new AppError('service.unavailable', { detail: `vendor metadata create of ${input.aaguid} kept conflicting`, cause: e });
        // A short random pause, so the racers do not collide again in lockstep.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
        continue;
      }
      throw e;
    }
  }
}
