import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import { parseInput } from '../errors/validation';
import { writeAuditEvent } from '../audit/write-audit-event';
import { toUserDto, type TUserDto } from '../users/username';
import { assertCeremonyBinding, ceremonyContext, consumeCeremony, type TCeremonyBinding } from './ceremony';
import { assertCrossOriginAllowed, readClientData } from './client-data';
import { assertAaguidAllowed, loadRpSettings, withRpOverride, type TRpOverride, type TRealm } from './rp';
import { ZAuthenticationResponse } from './response-schemas';
import { auditFailure, type TRequestMeta } from './audit-failure';

export type TAuthenticationResult = {
  user: TUserDto;
  tenantId: string;
  passkey: { id: string; credentialId: string; aaguid: string; synced: boolean };
  userVerified: boolean;
  /** RFC 8176 authentication method references for what was proven. */
  amr: string[];
  authTime: Date;
};

/** What `onVerified` is handed: the result, and the surface data the ceremony was started with. */
export type TVerifiedAuthentication = { result: TAuthenticationResult; context: Record<string, unknown> };

/**
 * Completes an authentication ceremony (WebAuthn §7.2): consumes the challenge first, finds the
 * passkey in this community only, checks user handle, cross-origin rules, AAGUID policy and the
 * signature, rejects a sign-counter regression (§6.1.1; a counter of 0 from synced passkeys is
 * fine), then stores counter, backup flags and last use with the audit event in one transaction.
 *
 * A transaction confirmation passes `kind: 'transaction'` and the `expectedChallenge` (its
 * commitment): that ceremony is consumed whatever the client data names, and an assertion over
 * any other challenge is refused — the same checks, no second verification path.
 * @throws AppError `request.validation_failed`, `passkeys.challenge_invalid`, `passkeys.challenge_expired`,
 *   `passkeys.unknown_credential`, `passkeys.verification_failed`, `passkeys.authenticator_not_allowed`,
 *   `passkeys.user_disabled`, `tenancy.community_not_found`
 */
export async function finishAuthentication(options: {
  db: TDb;
  communityId: string;
  response: unknown;
  /** The binding the ceremony was started with (see startAuthentication). */
  binding?: TCeremonyBinding;
  /** Relying party for this ceremony instead of the community's (the finish call must pass the same). */
  rp?: TRpOverride;
  /** The kind the ceremony was started with (default `authentication`). */
  kind?: 'authentication' | 'transaction';
  /**
   * The challenge (base64url) this response must answer. The ceremony is looked up and consumed
   * by it rather than by the challenge in the client data, which must then be the same.
   */
  expectedChallenge?: string;
  /**
   * Runs inside the transaction that stores the new counter and the audit event, so a surface's
   * own records (a device, a transaction's evidence) commit or roll back with them.
   */
  onVerified?: (tx: TTx, verified: TVerifiedAuthentication) => Promise<void>;
  /** The kind of community (default `users`; lib/admin passes `console`). */
  realm?: TRealm;
  meta?: TRequestMeta;
  now?: Date;
}): Promise<TAuthenticationResult> {
  const { db, communityId } = options;
  const now = options.now ?? new Date();
  let subject: string | undefined;
  let actor = 'anonymous';
  try {
    const response = parseInput(ZAuthenticationResponse, options.response);
    const clientData = readClientData(response.response.clientDataJSON);
    const kind = options.kind ?? 'authentication';
    const challenge = options.expectedChallenge ?? clientData.challenge;
    const ceremony = await consumeCeremony(db, { communityId, kind, challenge, now });
    assertCeremonyBinding(ceremony, options.binding);
    // §7.2 step 12: the client data must carry the challenge of this ceremony (also checked by
    // the library; refused here first, before anything else is looked at).
    if (clientData.challenge !== challenge) throw new AppError('passkeys.verification_failed', { detail: `client data answers another challenge than ceremony ${ceremony.id}` });
    const rp = withRpOverride(await loadRpSettings(db, communityId, options.realm), options.rp);
    assertCrossOriginAllowed(rp, clientData);

    // Scoped to the community: a credential registered elsewhere is simply unknown here.
    const passkey = await db.passkey.findUnique({
      where: { communityId_credentialId: { communityId, credentialId: response.id } },
      include: { user: { select: { id: true, username: true, displayName: true, userHandle: true, status: true } } },
    });
    if (!passkey) throw new AppError('passkeys.unknown_credential', { detail: `credential ${response.id}` });
    subject = passkey.id;
    actor = `user:${passkey.userId}`;
    if (ceremony.userId && ceremony.userId !== passkey.userId) {
      throw new AppError('passkeys.verification_failed', { detail: `credential of another user than the ceremony's ${ceremony.userId}` });
    }
    // §7.2 step 6: a returned user handle must be the credential's owner.
    const userHandle = response.response.userHandle;
    if (userHandle && userHandle.replace(/=+$/, '') !== passkey.user.userHandle) {
      throw new AppError('passkeys.verification_failed', { detail: 'userHandle does not match the credential owner' });
    }
    if (passkey.user.status !== 'active') throw new AppError('passkeys.user_disabled', { detail: passkey.userId });
    assertAaguidAllowed(rp, 'authentication', passkey.aaguid);

    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: clientData.challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        expectedTopOrigin: rp.allowCrossOrigin ? rp.allowedTopOrigins : undefined,
        requireUserVerification: rp.userVerification === 'required',
        credential: {
          id: passkey.credentialId,
          publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
          counter: passkey.signCount,
          transports: passkey.transports as never,
        },
      });
    } catch (e) {
      const message = (e as Error).message;
      if (/counter value/i.test(message)) {
        // §6.1.1: a counter that did not grow means a cloned authenticator may be in use.
        throw new AppError('passkeys.verification_failed', { detail: `sign counter regression: ${message}`, cause: e });
      }
      throw new AppError('passkeys.verification_failed', { detail: message, cause: e });
    }
    if (!verification.verified) throw new AppError('passkeys.verification_failed', { detail: 'not verified' });
    const info = verification.authenticationInfo;
    // §7.2 step 18 (L3): backup eligibility is fixed at creation; a change means another authenticator.
    if ((info.credentialDeviceType === 'multiDevice') !== passkey.backupEligible) {
      throw new AppError('passkeys.verification_failed', { detail: 'backup eligibility (BE) changed since registration' });
    }

    const amr = ['pop', info.credentialBackedUp ? 'swk' : 'hwk', ...(info.userVerified ? ['user', 'mfa'] : [])];
    const result: TAuthenticationResult = {
      user: toUserDto(passkey.user),
      tenantId: rp.tenantId,
      passkey: { id: passkey.id, credentialId: passkey.credentialId, aaguid: passkey.aaguid, synced: info.credentialBackedUp },
      userVerified: info.userVerified,
      amr,
      authTime: now,
    };
    await db.$transaction(async (tx: TTx) => {
      // Compare-and-set on the counter: of two concurrent assertions with one counter value,
      // only one is accepted.
      const { count } = await tx.passkey.updateMany({
        where: { id: passkey.id, signCount: passkey.signCount },
        data: { signCount: info.newCounter, backupState: info.credentialBackedUp, userVerified: info.userVerified, lastUsedAt: now },
      });
      if (count !== 1) throw new AppError('passkeys.verification_failed', { detail: 'concurrent use of the same counter value' });
      await writeAuditEvent(tx, {
        type: 'passkeys.authenticated',
        actor,
        result: 'success',
        tenantId: rp.tenantId,
        communityId,
        subject: passkey.id,
        ip: options.meta?.ip,
        userAgent: options.meta?.userAgent,
        detail: { aaguid: passkey.aaguid, userVerified: info.userVerified, synced: info.credentialBackedUp, counter: info.newCounter, ...(kind === 'authentication' ? {} : { kind }) },
      });
      await options.onVerified?.(tx, { result, context: ceremonyContext(ceremony) });
    });
    return result;
  } catch (e) {
    const counter = e instanceof AppError && e.detail?.startsWith('sign counter regression');
    await auditFailure(db, { type: counter ? 'passkeys.counter_regression' : 'passkeys.authentication_failed', communityId, actor, subject, error: e, meta: options.meta });
    throw e;
  }
}
