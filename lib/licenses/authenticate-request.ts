import { z } from 'zod';
import type { TTx } from '../db';
import { AppError, isAppError } from '../errors';
import { cachedSharedKey, decrypt } from '../envelope/envelope';
import type { TEnvelopeCurve } from '../envelope/service-key';
import { findActiveLicense } from './verify-license';
import type { TLicenseDto } from './license';

/**
 * Authentication of a licensed call to the 000 (/webauthn) and 004 (/authn) dialects
 * (WIRE-NOTES §1, §5). Two header forms:
 *
 * - enveloped: `publickey` (the caller's public key), `licensekey: ENC(licenseKey)` and
 *   `requestid: ENC(JSON{ts, uuid, appid})`, ENC under the key shared by the service private key
 *   and the caller's public key;
 * - plain (`/u1/...`): `licensekey` in clear, and `requestid` either a bare uuid v4 or the plain
 *   JSON `{ts, uuid, appid}`. Spec 000 lists only `licensekey` as required on the u1 calls, so a
 *   missing `requestid` is accepted there; a present one is checked like any other.
 *
 * `ts` must lie within ± `clockSkewSeconds` of now, and an `(appid, uuid)` seen before inside that
 * window is a replay. The memory of seen request ids is the `RequestNonce` table, so it holds
 * across processes (ARCHITECTURE.md "Stateless processes").
 *
 * Every failure is `auth.unauthenticated` with the reason in `detail` (logs only): the caller
 * learns nothing about which part was wrong (CONVENTIONS.md §4). Level and community checks come
 * after, with {@link assertLicenseAllows} once the community acted on is known.
 */

export type TRequestMode = 'enveloped' | 'plain';

/** Header access as `Headers` offers it (names case-insensitive). */
export type THeaderReader = { get(name: string): string | null };

export type TServiceKey = { curve: TEnvelopeCurve; privateKey: Buffer; publicKey: string };

export type TRequestId = { uuid: string; appid: string; ts: number | undefined };

export type TAuthenticatedRequest = {
  license: TLicenseDto;
  mode: TRequestMode;
  requestId: TRequestId | undefined;
  /** The envelope key shared with the caller (enveloped mode): opens the body, seals the answer. */
  envelopeKey: Buffer | undefined;
};

const MAX_HEADER_LENGTH = 4096;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const ZRequestId = z.object({
  ts: z.number().int().nonnegative(),
  uuid: z.string().regex(UUID_V4),
  appid: z.string().min(1).max(200),
});

function unauthenticated(detail: string, cause?: unknown): AppError {
  return new AppError('auth.unauthenticated', { detail, cause });
}

function header(headers: THeaderReader, name: string): string | undefined {
  const value = headers.get(name)?.trim();
  if (!value) return undefined;
  if (value.length > MAX_HEADER_LENGTH) throw unauthenticated(`${name} header too long`);
  return value;
}

function parseRequestIdJson(text: string): TRequestId {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unauthenticated('requestid is not JSON');
  }
  const parsed = ZRequestId.safeParse(json);
  if (!parsed.success) throw unauthenticated('requestid lacks a valid ts, uuid v4 or appid');
  return { ...parsed.data, uuid: parsed.data.uuid.toLowerCase() };
}

/** A plain requestid: a bare uuid v4, or the JSON `{ts, uuid, appid}` (WIRE-NOTES §1). */
/** `noecdsa: true` (or 1 / yes); an absent or other value keeps the headers encrypted. */
function isTruthyHeader(value: string | undefined): boolean {
  return value !== undefined && /^(true|1|yes)$/i.test(value.trim());
}

function parsePlainRequestId(value: string): TRequestId {
  if (UUID_V4.test(value)) return { uuid: value.toLowerCase(), appid: '', ts: undefined };
  return parseRequestIdJson(value);
}

/**
 * Remembers `(appid, uuid)` until `expiresAt`: the insert hits the primary key when the pair was
 * seen before. A remembered pair whose window has passed is taken over with a conditional update,
 * so exactly one of two concurrent requests wins either way.
 * @throws AppError `auth.unauthenticated` on a replay
 */
async function rememberRequestId(db: TTx, id: TRequestId, expiresAt: Date, now: Date): Promise<void> {
  try {
    await db.requestNonce.create({ data: { appId: id.appid, uuid: id.uuid, expiresAt } });
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== 'P2002') throw e;
  }
  const { count } = await db.requestNonce.updateMany({ where: { appId: id.appid, uuid: id.uuid, expiresAt: { lte: now } }, data: { expiresAt } });
  if (count !== 1) throw unauthenticated(`replayed requestid ${id.appid}/${id.uuid}`);
}

/** Removes request ids whose window has passed (housekeeping; replay checks never depend on it). */
export async function purgeExpiredRequestIds(db: TTx, now: Date = new Date()): Promise<number> {
  const { count } = await db.requestNonce.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

/**
 * Authenticates a licensed call (see the module comment).
 * @throws AppError `auth.unauthenticated`
 */
export async function authenticateRequest(options: {
  db: TTx;
  headers: THeaderReader;
  mode: TRequestMode;
  /** The service key pair; required in enveloped mode. */
  serviceKey: TServiceKey | undefined;
  clockSkewSeconds: number;
  now?: Date;
  /** Chance (0..1) of purging expired request ids on this call; injectable for tests. */
  purgeChance?: number;
  random?: () => number;
}): Promise<TAuthenticatedRequest> {
  const { db, headers, mode } = options;
  const now = options.now ?? new Date();
  const licenseHeader = header(headers, 'licensekey');
  const requestIdHeader = header(headers, 'requestid');
  if (!licenseHeader) throw unauthenticated('no licensekey header');

  let licenseKey: string;
  let requestId: TRequestId | undefined;
  let envelopeKey: Buffer | undefined;
  if (mode === 'enveloped') {
    const callerKey = header(headers, 'publickey');
    if (!callerKey) throw unauthenticated('no publickey header');
    if (!requestIdHeader) throw unauthenticated('no requestid header');
    if (!options.serviceKey) throw new AppError('service.unavailable', { detail: 'no service key pair' });
    const { curve, privateKey, publicKey } = options.serviceKey;
    try {
      envelopeKey = cachedSharedKey({ curve, privateKey, ownPublicKey: publicKey, peerPublicKeyB64: callerKey });
      // WIRE-NOTES §1: a `noecdsa` header means the headers are sent in clear (the body is still
      // enveloped); the request id must then still carry a timestamp.
      if (isTruthyHeader(header(headers, 'noecdsa'))) {
        licenseKey = licenseHeader;
        requestId = parsePlainRequestId(requestIdHeader);
      } else {
        licenseKey = decrypt({ key: envelopeKey, ciphertext: licenseHeader });
        requestId = parseRequestIdJson(decrypt({ key: envelopeKey, ciphertext: requestIdHeader }));
      }
    } catch (e) {
      if (isAppError(e) && e.code === 'auth.unauthenticated') throw e;
      throw unauthenticated(`envelope: ${isAppError(e) ? e.code : 'error'}`, e);
    }
    if (requestId.ts === undefined) throw unauthenticated('requestid without ts');
  } else {
    licenseKey = licenseHeader;
    requestId = requestIdHeader === undefined ? undefined : parsePlainRequestId(requestIdHeader);
  }

  const skewMs = options.clockSkewSeconds * 1000;
  if (requestId?.ts !== undefined) {
    const tsMs = requestId.ts * 1000;
    if (Math.abs(tsMs - now.getTime()) > skewMs) throw unauthenticated(`requestid ts ${requestId.ts} outside ±${options.clockSkewSeconds}s`);
  }

  const license = await findActiveLicense({ db, key: licenseKey, now });
  if (!license) throw unauthenticated('unknown or revoked license key');

  if (requestId) {
    // Past ts + skew the ts check refuses the request anyway; a bare uuid is remembered for one window.
    const expiresAt = new Date((requestId.ts !== undefined ? requestId.ts * 1000 : now.getTime()) + skewMs);
    if ((options.random ?? Math.random)() < (options.purgeChance ?? 0.02)) await purgeExpiredRequestIds(db, now);
    await rememberRequestId(db, requestId, expiresAt, now);
  }
  return { license, mode, requestId, envelopeKey };
}
