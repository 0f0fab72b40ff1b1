import crypto from 'node:crypto';
import { SettingsService } from '@simplewebauthn/server';
import { verifyMDSBlob } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import { AppError } from '../errors';
import { mdsRootCertificate } from './fido-mds-root-ca';
import { ZAaguid } from './vendor-metadata';

/** Largest BLOB file accepted (the FIDO MDS3 BLOB is a few MB). */
export const MAX_MDS_BLOB_BYTES = 10 * 1024 * 1024;

/** One FIDO2 authenticator model of a BLOB: its AAGUID, name (the statement's description) and statement. */
export type TMdsEntry = { aaguid: string; name: string; statement: Record<string, unknown> };

export type TVerifiedMdsBlob = {
  /** SHA-256 of the file's bytes (hex): what a preview shows and an apply must confirm. */
  sha256: string;
  /** The BLOB's serial number (`no`), increasing with each BLOB the service publishes. */
  no: number;
  /** When the service publishes the next BLOB (`YYYY-MM-DD`). */
  nextUpdate: string;
  legalHeader: string | null;
  /** The FIDO2 entries (with an AAGUID and a metadata statement), one per AAGUID, sorted by AAGUID. */
  entries: TMdsEntry[];
  /** Entries without an AAGUID or statement (U2F and UAF models): not imported. */
  skipped: number;
};

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const ZHeader = z.object({ alg: z.string().min(1), x5c: z.array(z.string().min(1)).min(1).max(10) });
const ZStatement = z.record(z.string(), z.unknown());
const ZPayload = z.object({
  no: z.number().int().min(0),
  nextUpdate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  legalHeader: z.string().optional(),
  entries: z.array(z.object({ aaguid: z.string().optional(), metadataStatement: ZStatement.optional() })),
});

function malformed(detail: string, cause?: unknown): AppError {
  return new AppError('metadata.mds_malformed', { detail, cause });
}

function decodeJson(part: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch (e) {
    throw malformed(`${what} is not base64url JSON`, e);
  }
}

/**
 * Verifies a FIDO Metadata Service (MDS3) BLOB and reads its FIDO2 entries: the file must be a
 * JWT whose header's `x5c` chain leads to the trusted root (mdsRootCertificate: GlobalSign Root
 * CA - R3 unless `LATCHKEY_MDS_ROOT_CERT_FILE` names another) and whose signature the first
 * certificate verifies. Verification is `@simplewebauthn/server`'s verifyMDSBlob (chain path,
 * validity periods, CRLs where reachable, JWS signature); the structure is checked first so
 * that a malformed file gets its own error.
 * @throws AppError `metadata.mds_malformed`, `metadata.mds_untrusted_chain`, `metadata.mds_bad_signature`
 */
export async function verifyMdsBlob(bytes: Uint8Array, rootPem: string = mdsRootCertificate()): Promise<TVerifiedMdsBlob> {
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const jwt = Buffer.from(bytes).toString('utf8').trim();
  if (!JWT.test(jwt)) throw malformed('not a compact JWS (three base64url parts)');
  const [headerPart, payloadPart] = jwt.split('.') as [string, string, string];
  const header = ZHeader.safeParse(decodeJson(headerPart, 'header'));
  if (!header.success) throw malformed('the header has no alg or x5c chain');
  for (const cert of header.data.x5c) {
    try {
      new crypto.X509Certificate(Buffer.from(cert, 'base64'));
    } catch (e) {
      throw malformed('an x5c entry is not a DER certificate', e);
    }
  }
  const payload = ZPayload.safeParse(decodeJson(payloadPart, 'payload'));
  if (!payload.success) throw malformed(`the payload is not an MDS3 BLOB: ${payload.error.issues[0]?.path.join('.')} ${payload.error.issues[0]?.message}`);

  // verifyMDSBlob reads the 'mds' trust anchors synchronously, before its first await: swap them
  // in for this call only, so nothing else sees ours.
  const previous = SettingsService.getRootCertificates({ identifier: 'mds' });
  SettingsService.setRootCertificates({ identifier: 'mds', certificates: [rootPem] });
  let verifying: Promise<unknown>;
  try {
    verifying = verifyMDSBlob(jwt);
  } catch (e) {
    throw malformed('verifyMDSBlob could not read it', e);
  } finally {
    SettingsService.setRootCertificates({ identifier: 'mds', certificates: previous });
  }
  try {
    await verifying;
  } catch (e) {
    const message = (e as Error)?.message ?? '';
    if (/certificate path/i.test(message)) throw new AppError('metadata.mds_untrusted_chain', { detail: message, cause: e });
    throw new AppError('metadata.mds_bad_signature', { detail: message, cause: e });
  }

  const byAaguid = new Map<string, TMdsEntry>();
  let skipped = 0;
  for (const entry of payload.data.entries) {
    const aaguid = ZAaguid.safeParse(entry.aaguid);
    if (!aaguid.success || !entry.metadataStatement) {
      skipped += 1;
      continue;
    }
    const description = entry.metadataStatement.description;
    const name = typeof description === 'string' && description.trim() ? description.trim().slice(0, 200) : aaguid.data;
    byAaguid.set(aaguid.data, { aaguid: aaguid.data, name, statement: entry.metadataStatement });
  }
  return {
    sha256,
    no: payload.data.no,
    nextUpdate: payload.data.nextUpdate,
    legalHeader: payload.data.legalHeader ?? null,
    entries: [...byAaguid.values()].sort((a, b) => a.aaguid.localeCompare(b.aaguid)),
    skipped,
  };
}
