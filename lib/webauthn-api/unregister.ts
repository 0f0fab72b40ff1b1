import type { TDb, TTx } from '../db';
import { AppError } from '../errors';
import type { TLicenseDto } from '../licenses/license';
import { writeAuditEvent } from '../audit/write-audit-event';
import type { TRequestMeta } from '../passkeys/audit-failure';
import { authorizeTarget } from './authorize';

/**
 * `DELETE /webauthn/unregister/community/{communityId}[/user/{userId}]/did_or_fidokey/{identifier}`
 * (spec 000 "WebAuthn Linking and De-Registration"): `identifier` is a passkey's credential id
 * (removes that passkey) or a user's dguid or id (removes all that user's passkeys). With `userId`
 * only that user's passkeys are considered. Scoped to the community in every query; nothing
 * matching is `passkeys.not_found` (404). One audit event per removed passkey, in the same
 * transaction as the delete.
 * @throws AppError `auth.forbidden`, `tenancy.community_not_found`, `passkeys.not_found`
 */
export async function unregisterPasskeys(options: {
  db: TDb;
  license: TLicenseDto;
  communityId: string;
  userId?: string;
  identifier: string;
  meta?: TRequestMeta;
}): Promise<{ status: 'ok'; errorMessage: ''; removed: number }> {
  const { db, license, communityId, userId, identifier } = options;
  const rp = await authorizeTarget(db, license, { communityId });
  const removed = await db.$transaction(async (tx: TTx) => {
    let passkeys = await tx.passkey.findMany({
      where: { communityId, credentialId: identifier, ...(userId ? { userId } : {}) },
      select: { id: true, userId: true, credentialId: true, aaguid: true },
    });
    let by = 'credentialId';
    if (passkeys.length === 0) {
      const user = await tx.user.findFirst({
        where: { communityId, OR: [{ dguid: identifier }, { id: identifier }], ...(userId ? { id: userId } : {}) },
        select: { id: true },
      });
      if (user) passkeys = await tx.passkey.findMany({ where: { communityId, userId: user.id }, select: { id: true, userId: true, credentialId: true, aaguid: true } });
      by = 'user';
    }
    if (passkeys.length === 0) throw new AppError('passkeys.not_found', { detail: `nothing matches ${identifier} in ${communityId}` });
    const { count } = await tx.passkey.deleteMany({ where: { communityId, id: { in: passkeys.map((p) => p.id) } } });
    for (const p of passkeys) {
      await writeAuditEvent(tx, {
        type: 'passkeys.unregistered',
        actor: `license:${license.id}`,
        result: 'success',
        tenantId: rp.tenantId,
        communityId,
        subject: p.id,
        ip: options.meta?.ip,
        userAgent: options.meta?.userAgent,
        detail: { userId: p.userId, credentialId: p.credentialId, aaguid: p.aaguid, by },
      });
    }
    return count;
  });
  return { status: 'ok', errorMessage: '', removed };
}
