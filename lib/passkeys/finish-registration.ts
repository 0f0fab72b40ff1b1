import { MetadataService, verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeAttestationObject, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { TTx, TDb } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { resolveAuthenticator } from '../metadata/resolve-authenticator';
import { toUserDto, type TUserDto } from '../users/username';
import { assertCeremonyBinding, ceremonyContext, consumeCeremony, type TCeremonyBinding } from './ceremony';
import { assertCrossOriginAllowed, readClientData } from './client-data';
import { PASSKEY_NAME_MAX, toPasskeyDto, type TPasskeyDto } from './passkey-dto';
import { assertAaguidAllowed, loadRpSettings, withRpOverride, type TRpOverride, type TRealm } from './rp';
import { ZRegistrationResponse } from './response-schemas';
import type { TPendingUser } from './start-registration';
import { auditFailure, type TRequestMeta } from './audit-failure';

/** Prisma's unique-constraint violation (P2002). */
function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'P2002';
}

/** COSE key parameter 3 is `alg` (RFC 9052 §7.1). */
const COSE_ALG = 3;

/** How far the attestation could be traced: a metadata statement's roots, self, none or a bare chain. */
export type TAttestationTrust = 'trusted' | 'self' | 'none' | 'basic';

function attestationTrust(fmt: string, attestationObject: Parameters<typeof decodeAttestationObject>[0], trustedByMetadata: boolean): TAttestationTrust {
  if (fmt === 'none') return 'none';
  const x5c = decodeAttestationObject(attestationObject).get('attStmt').get('x5c');
  if (!x5c || x5c.length === 0) return 'self';
  return trustedByMetadata ? 'trusted' : 'basic';
}

/** What `onRegistered` is handed: the result, and the surface data the ceremony was started with. */
export type TRegistered = { result: { user: TUserDto; passkey: TPasskeyDto; created: boolean }; context: Record<string, unknown> };

const ZName = z.string().trim().min(1).max(PASSKEY_NAME_MAX).optional();

/**
 * Completes a registration ceremony (WebAuthn §7.1): consumes the challenge, checks the
 * cross-origin rules and the community's AAGUID policy, verifies the attestation, then creates
 * the account (for a sign-up) and the passkey with its audit event in one transaction.
 * @throws AppError `request.validation_failed`, `passkeys.challenge_invalid`, `passkeys.challenge_expired`,
 *   `passkeys.verification_failed`, `passkeys.authenticator_not_allowed`, `passkeys.credential_exists`,
 *   `passkeys.username_taken`, `tenancy.community_not_found`
 */
export async function finishRegistration(options: {
  db: TDb;
  communityId: string;
  response: unknown;
  /** The signed-in user adding a passkey; must match the ceremony's user. */
  userId?: string;
  /**
   * The binding the ceremony was started with (see startRegistration). With a binding and no
   * `userId`, the ceremony's own user (or pending sign-up) is the one acted on: the binding proves
   * that the caller who chose that user is the one finishing.
   */
  binding?: TCeremonyBinding;
  /** Relying party for this ceremony instead of the community's (the finish call must pass the same). */
  rp?: TRpOverride;
  /** The passkey's name instead of its authenticator's (e.g. the 002 `passkeyName`). */
  name?: string;
  /**
   * Runs last inside the transaction that creates the passkey (and the account) with its audit
   * event, so a surface's own records (a device; lib/admin's setup link and Admin row) commit or
   * roll back with them: throwing rolls the account and the passkey back.
   */
  onRegistered?: (tx: TTx, registered: TRegistered) => Promise<void>;
  /** The kind of community (default `users`; lib/admin passes `console`). */
  realm?: TRealm;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<{ user: TUserDto; passkey: TPasskeyDto; created: boolean }> {
  const { db, communityId } = options;
  const now = options.now ?? new Date();
  try {
    const name = parseInput(ZName, options.name);
    const response = parseInput(ZRegistrationResponse, options.response);
    const clientData = readClientData(response.response.clientDataJSON);
    const ceremony = await consumeCeremony(db, { communityId, kind: 'registration', challenge: clientData.challenge, now });
    assertCeremonyBinding(ceremony, options.binding);
    const pending = ceremony.data.pendingUser as TPendingUser | undefined;
    const expectedUserId = options.userId ?? (options.binding ? (ceremony.userId ?? undefined) : undefined);
    if ((ceremony.userId ?? undefined) !== expectedUserId || (!ceremony.userId && !pending)) {
      throw new AppError('passkeys.challenge_invalid', { detail: `ceremony ${ceremony.id} belongs to another user` });
    }
    const rp = withRpOverride(await loadRpSettings(db, communityId, options.realm), options.rp);
    assertCrossOriginAllowed(rp, clientData);

    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: clientData.challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        requireUserVerification: rp.userVerification === 'required',
        // Conditional create (startRegistration `mediation`): the browser may create the passkey
        // without the user's gesture, so UP can be 0 (WebAuthn L3 §5.1.3); nothing else changes.
        requireUserPresence: ceremony.data.mediation !== 'conditional',
        supportedAlgorithmIDs: rp.algorithms,
      });
    } catch (e) {
      throw new AppError('passkeys.verification_failed', { detail: (e as Error).message, cause: e });
    }
    if (!verification.verified) throw new AppError('passkeys.verification_failed', { detail: 'not verified' });
    const info = verification.registrationInfo;
    assertAaguidAllowed(rp, 'registration', info.aaguid);

    const credentialId = info.credential.id;
    const alg = Number(decodeCredentialPublicKey(info.credential.publicKey).get(COSE_ALG));
    // §8.2 (packed) step 2: the statement's alg must be the credential key's algorithm; the
    // library does not compare them.
    if (info.fmt === 'packed') {
      const stmtAlg = decodeAttestationObject(info.attestationObject).get('attStmt').get('alg');
      if (stmtAlg !== alg) throw new AppError('passkeys.verification_failed', { detail: `packed attStmt alg ${String(stmtAlg)} != credential alg ${alg}` });
    }
    // The library anchors an x5c chain in the roots of the metadata statement it holds for the
    // AAGUID (MetadataService); a chain it accepted with such a statement counts as trusted.
    const statement = await MetadataService.getStatement(info.aaguid);
    const trust = attestationTrust(info.fmt, info.attestationObject, Boolean(statement));
    const provider = await resolveAuthenticator(db, communityId, info.aaguid);

    const existing = await db.passkey.findUnique({ where: { communityId_credentialId: { communityId, credentialId } }, select: { id: true } });
    if (existing) throw new AppError('passkeys.credential_exists', { detail: credentialId });

    return await db.$transaction(async (tx: TTx) => {
      let user;
      if (pending) {
        const taken = await tx.user.findUnique({ where: { communityId_username: { communityId, username: pending.username } }, select: { id: true } });
        if (taken) throw new AppError('passkeys.username_taken', { detail: pending.username });
        // A concurrent sign-up with the same name can commit between the check and the insert: the
        // unique index then refuses it, which is the same answer.
        user = await tx.user
          .create({ data: { communityId, username: pending.username, displayName: pending.displayName, userHandle: pending.userHandle }, select: { id: true, username: true, displayName: true } })
          .catch((e: unknown) => {
            throw isUniqueViolation(e) ? new AppError('passkeys.username_taken', { detail: pending.username, cause: e }) : e;
          });
      } else {
        user = await tx.user.findFirstOrThrow({ where: { id: ceremony.userId!, communityId }, select: { id: true, username: true, displayName: true } });
      }
      const row = await tx.passkey
        .create({
          data: {
            communityId,
            userId: user.id,
            credentialId,
            publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
            alg,
            signCount: info.credential.counter,
            transports: (info.credential.transports ?? response.response.transports ?? []) as string[],
            aaguid: info.aaguid,
            backupEligible: info.credentialDeviceType === 'multiDevice',
            backupState: info.credentialBackedUp,
            userVerified: info.userVerified,
            attestationFormat: info.fmt,
            attestationTrust: trust,
            name: name ?? provider.name ?? 'Passkey',
            createdAt: now,
            // A sign-up signs the user in with this passkey: that is its first use.
            lastUsedAt: pending ? now : null,
          },
        })
        .catch((e: unknown) => {
          throw isUniqueViolation(e) ? new AppError('passkeys.credential_exists', { detail: credentialId, cause: e }) : e;
        });
      await writeAuditEvent(tx, {
        type: pending ? 'passkeys.signed_up' : 'passkeys.registered',
        actor: `user:${user.id}`,
        result: 'success',
        tenantId: rp.tenantId,
        communityId,
        subject: row.id,
        ip: options.meta?.ip,
        userAgent: options.meta?.userAgent,
        detail: { aaguid: info.aaguid, fmt: info.fmt, trust, alg, synced: info.credentialBackedUp },
      });
      const result = { user: toUserDto(user), passkey: toPasskeyDto(row, provider), created: Boolean(pending) };
      await options.onRegistered?.(tx, { result, context: ceremonyContext(ceremony) });
      return result;
    });
  } catch (e) {
    await auditFailure(db, { type: 'passkeys.registration_failed', communityId, actor: options.userId ? `user:${options.userId}` : 'anonymous', error: e, meta: options.meta });
    throw e;
  }
}
