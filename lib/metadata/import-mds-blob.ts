import { z } from 'zod';
import type { TDb, TTx } from '../db';
import { isSerializationFailure } from '../db/serializable';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { adminActor, type TAdminPrincipal } from '../admin/principal';
import { assertRole } from '../admin/scope';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { verifyMdsBlob, type TMdsEntry, type TVerifiedMdsBlob } from './mds-blob';
import { iconsOf } from './vendor-metadata';

/**
 * MDS3 import (admin console, system admins only), in two steps on the same file: `preview`
 * verifies the BLOB and compares its FIDO2 entries with the service-wide vendor metadata records;
 * `apply` verifies it again, checks that it is the previewed file (its SHA-256) and writes the
 * added and changed records in one transaction with one audit event. Records the BLOB does not
 * name, and community records, are left alone; a disabled record stays disabled.
 */

export type TMdsModel = { aaguid: string; name: string };
export type TMdsChange = TMdsModel & { previousName: string };

export type TMdsImportSummary = {
  sha256: string;
  no: number;
  nextUpdate: string;
  legalHeader: string | null;
  /** The `no` of the last BLOB applied (from the audit trail), to warn about an older or the same BLOB. */
  lastImportedNo: number | null;
  counts: { entries: number; added: number; changed: number; unchanged: number; skipped: number };
  added: TMdsModel[];
  changed: TMdsChange[];
  unchanged: TMdsModel[];
};

/** Who the imported records say updated them. */
export function mdsUpdatedBy(no: number): string {
  return `FIDO MDS3 BLOB #${no}`;
}

/** JSON with sorted keys: two statements are the same when their canonical texts are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

type TExisting = { id: string; aaguid: string; name: string; metadata: unknown };

async function compare(tx: TTx, blob: TVerifiedMdsBlob) {
  const existing = await tx.vendorMetadata.findMany({
    where: { communityId: null, aaguid: { in: blob.entries.map((e) => e.aaguid) } },
    select: { id: true, aaguid: true, name: true, metadata: true },
  });
  const byAaguid = new Map<string, TExisting>(existing.map((r) => [r.aaguid, r]));
  const added: TMdsEntry[] = [];
  const changed: Array<{ entry: TMdsEntry; record: TExisting }> = [];
  const unchanged: TMdsEntry[] = [];
  for (const entry of blob.entries) {
    const record = byAaguid.get(entry.aaguid);
    if (!record) added.push(entry);
    else if (record.name !== entry.name || canonical(record.metadata) !== canonical(entry.statement)) changed.push({ entry, record });
    else unchanged.push(entry);
  }
  const last = await tx.auditEvent.findFirst({ where: { type: 'metadata.mds_imported', result: 'success' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { detail: true } });
  const lastNo = (last?.detail as { no?: unknown } | undefined)?.no;
  const summary: TMdsImportSummary = {
    sha256: blob.sha256,
    no: blob.no,
    nextUpdate: blob.nextUpdate,
    legalHeader: blob.legalHeader,
    lastImportedNo: typeof lastNo === 'number' ? lastNo : null,
    counts: { entries: blob.entries.length, added: added.length, changed: changed.length, unchanged: unchanged.length, skipped: blob.skipped },
    added: added.map((e) => ({ aaguid: e.aaguid, name: e.name })),
    changed: changed.map(({ entry, record }) => ({ aaguid: entry.aaguid, name: entry.name, previousName: record.name })),
    unchanged: unchanged.map((e) => ({ aaguid: e.aaguid, name: e.name })),
  };
  return { added, changed, summary };
}

/**
 * Verifies an MDS3 BLOB and shows what applying it would change: counts and the added, changed
 * and unchanged AAGUIDs, the BLOB's `no` and `nextUpdate`, and the file's SHA-256 for apply.
 * Changes nothing.
 * @throws AppError `auth.forbidden` (not a system admin), `metadata.mds_malformed`,
 *   `metadata.mds_untrusted_chain`, `metadata.mds_bad_signature`
 */
export async function previewMdsImport(options: { db: TTx; principal: TAdminPrincipal; blob: Uint8Array; rootPem?: string }): Promise<TMdsImportSummary> {
  assertRole(options.principal, ['system']);
  const blob = await verifyMdsBlob(options.blob, options.rootPem);
  return (await compare(options.db, blob)).summary;
}

export const ZMdsApplyInput = z.object({ sha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, 'sha256 must be the 64 hex digits shown by the preview') });

/** Long enough for a few thousand rows on a busy machine. */
const APPLY_TIMEOUT_MS = 120_000;

/**
 * Applies a previewed MDS3 BLOB: verifies it again, checks that its SHA-256 is the previewed one,
 * then creates the added and updates the changed service-wide records (name, statement, icon) in
 * one serializable transaction, with one audit event `metadata.mds_imported`. The summary
 * returned is computed inside that transaction.
 * @throws AppError `auth.forbidden`, `request.validation_failed`, `metadata.mds_changed` (another
 *   file than the previewed one), the verification errors of previewMdsImport, `service.unavailable`
 */
export async function applyMdsImport(options: {
  db: TDb;
  principal: TAdminPrincipal;
  blob: Uint8Array;
  input: unknown;
  rootPem?: string;
  meta?: TRequestMeta;
}): Promise<TMdsImportSummary> {
  const { db, principal } = options;
  assertRole(principal, ['system']);
  const { sha256 } = parseInput(ZMdsApplyInput, options.input);
  const blob = await verifyMdsBlob(options.blob, options.rootPem);
  if (blob.sha256 !== sha256) throw new AppError('metadata.mds_changed', { detail: `previewed ${sha256}, got ${blob.sha256}` });
  const updatedBy = mdsUpdatedBy(blob.no);
  try {
    return await db.$transaction(
      async (tx: TTx) => {
        const { added, changed, summary } = await compare(tx, blob);
        if (added.length > 0) {
          await tx.vendorMetadata.createMany({
            data: added.map((e) => ({ communityId: null, aaguid: e.aaguid, name: e.name, metadata: e.statement as object, ...iconsOf(e.statement), updatedBy })),
          });
        }
        for (const { entry, record } of changed) {
          await tx.vendorMetadata.update({ where: { id: record.id }, data: { name: entry.name, metadata: entry.statement as object, ...iconsOf(entry.statement), updatedBy } });
        }
        await writeAuditEvent(tx, {
          type: 'metadata.mds_imported',
          actor: adminActor(principal),
          result: 'success',
          subject: `mds:${blob.no}`,
          ip: options.meta?.ip,
          userAgent: options.meta?.userAgent,
          detail: { no: blob.no, nextUpdate: blob.nextUpdate, sha256: blob.sha256, ...summary.counts, addedAaguids: summary.added.map((m) => m.aaguid).slice(0, 200), changedAaguids: summary.changed.map((m) => m.aaguid).slice(0, 200) },
        });
        return summary;
      },
      { isolationLevel: 'Serializable', timeout: APPLY_TIMEOUT_MS, maxWait: 10_000 },
    );
  } catch (e) {
    if (isSerializationFailure(e)) throw new AppError('service.unavailable', { detail: 'MDS import conflicted with a concurrent change; apply again', cause: e });
    throw e;
  }
}
