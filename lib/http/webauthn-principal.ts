import { z } from 'zod';
import { getConfig } from '../config';
import { getDb, type TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { loadKeyEncryptionKey } from '../crypto/kek';
import { deriveKey } from '../crypto/tokens';
import { decrypt, encrypt } from '../envelope/envelope';
import { loadServiceKeyPairCached } from '../envelope/service-key';
import { authenticateRequest, type TAuthenticatedRequest, type TRequestMode } from '../licenses/authenticate-request';
import type { TLicenseDto } from '../licenses/license';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { attestationOptions, attestationResult } from '../webauthn-api/attestation';
import { assertionOptions, assertionResult } from '../webauthn-api/assertion';
import { unregisterPasskeys } from '../webauthn-api/unregister';
import { createVendorMetadataRecord, fetchVendorMetadataRecords, updateVendorMetadataRecord } from '../webauthn-api/vendor-metadata';
import { webauthnRoute, type TRouteContext } from './route';

/**
 * The licensed principal of the 000 (/webauthn) calls and the envelope around their bodies
 * (WIRE-NOTES §1): one wrapper serves the enveloped and the plain `/u1` variant of an operation,
 * so both run the same lib/webauthn-api function.
 */

/** `auto`: enveloped when a `publickey` header is present, plain otherwise (unregister accepts both). */
export type TWebauthnMode = TRequestMode | 'auto';

export type TWebauthnCall<P> = {
  db: TDb;
  license: TLicenseDto;
  params: P;
  /** The JSON payload: the body itself (plain) or its decrypted `data` (enveloped). */
  readPayload: () => Promise<unknown>;
  headers: Headers;
  meta: TRequestMeta;
  decoyKey: () => Buffer;
};

const ZEnvelopedBody = z.object({ data: z.string().min(1).max(1024 * 1024) });

function openPayload(auth: TAuthenticatedRequest, body: unknown): unknown {
  if (auth.mode === 'plain') return body;
  const { data } = parseInput(ZEnvelopedBody, body);
  // A body that does not open under the caller's key is a credential failure (401), like the headers.
  const text = decrypt({ key: auth.envelopeKey!, ciphertext: data });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('request.malformed_json', { detail: 'decrypted data is not JSON' });
  }
}

/**
 * A /webauthn route whose caller is authenticated by license (lib/licenses/authenticate-request)
 * before anything else is read. The handler's result is answered in clear to a plain call and as
 * `{data: ENC(JSON), publicKey}` to an enveloped one.
 */
export function webauthnLicensedRoute<P = Record<string, string>>(mode: TWebauthnMode, handler: (call: TWebauthnCall<P>) => Promise<object>) {
  return webauthnRoute<P>(async (ctx: TRouteContext<P>) => {
    const { request } = ctx;
    const config = getConfig();
    const db = getDb();
    const resolved: TRequestMode = mode === 'auto' ? (request.headers.get('publickey') ? 'enveloped' : 'plain') : mode;
    const kek = () => loadKeyEncryptionKey(config);
    const serviceKey = resolved === 'enveloped' ? await loadServiceKeyPairCached(db, kek()) : undefined;
    const auth = await authenticateRequest({ db, headers: request.headers, mode: resolved, serviceKey, clockSkewSeconds: config.clockSkewSeconds });
    const result = await handler({
      db,
      license: auth.license,
      params: ctx.params,
      headers: request.headers,
      readPayload: async () => openPayload(auth, await ctx.readBody()),
      meta: { ip: ctx.ip, userAgent: request.headers.get('user-agent') },
      decoyKey: () => deriveKey(kek(), 'decoy-credentials'),
    });
    if (auth.mode === 'plain') return result;
    return { data: encrypt({ key: auth.envelopeKey!, plaintext: JSON.stringify(result) }), publicKey: serviceKey!.publicKey };
  });
}

/** The `sessionInfo` header of the result calls (spec 000). */
export function sessionInfoHeader(headers: Headers): string | undefined {
  return headers.get('sessioninfo') ?? undefined;
}


/**
 * The 000 operations as route handlers: the ceremonies are mounted twice, enveloped and under
 * `/u1`, with {@link webauthnLicensedRoute}; unregister and vendor metadata once, in `auto` mode.
 */
export const WEBAUTHN_000_HANDLERS = {
  attestationOptions: async ({ db, license, readPayload }: TWebauthnCall<unknown>) => attestationOptions({ db, license, payload: await readPayload() }),
  attestationResult: async ({ db, license, readPayload, headers, meta }: TWebauthnCall<unknown>) =>
    attestationResult({ db, license, payload: await readPayload(), sessionInfo: sessionInfoHeader(headers), meta }),
  assertionOptions: async ({ db, license, readPayload, decoyKey }: TWebauthnCall<unknown>) => assertionOptions({ db, license, payload: await readPayload(), decoyKey: decoyKey() }),
  assertionResult: async ({ db, license, readPayload, headers, meta }: TWebauthnCall<unknown>) =>
    assertionResult({ db, license, payload: await readPayload(), sessionInfo: sessionInfoHeader(headers), meta }),
  unregister: async ({ db, license, params, meta }: TWebauthnCall<{ communityId: string; userId?: string; identifier: string }>) =>
    unregisterPasskeys({ db, license, communityId: params.communityId, userId: params.userId, identifier: params.identifier, meta }),
  fetchVendorMetadata: async ({ db, license, params, readPayload }: TWebauthnCall<{ communityId: string }>) =>
    fetchVendorMetadataRecords({ db, license, communityId: params.communityId, payload: await readPayload() }),
  createVendorMetadata: async ({ db, license, params, readPayload, meta }: TWebauthnCall<{ communityId: string }>) =>
    createVendorMetadataRecord({ db, license, communityId: params.communityId, payload: await readPayload(), meta }),
  updateVendorMetadata: async ({ db, license, params, readPayload, meta }: TWebauthnCall<{ communityId: string; aaguid: string }>) =>
    updateVendorMetadataRecord({ db, license, communityId: params.communityId, aaguid: params.aaguid, payload: await readPayload(), meta }),
};
