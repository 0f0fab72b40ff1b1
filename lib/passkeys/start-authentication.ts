import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { TTx } from '../db';
import { ZUsername } from '../users/username';
import { createCeremony, newChallenge } from './ceremony';
import { loadRpSettings } from './rp';

/**
 * Starts an authentication ceremony (WebAuthn §7.2). Without a username it is usernameless
 * (discoverable credentials; what autofill / conditional mediation uses). With a username the
 * user's passkeys are listed in `allowCredentials` with their transports; an unknown username
 * gets the same answer shape as a usernameless one, so the call does not reveal who has an account.
 * @throws AppError `tenancy.community_not_found`
 */
export async function startAuthentication(options: { db: TTx; communityId: string; username?: string; now?: Date }): Promise<{ options: PublicKeyCredentialRequestOptionsJSON }> {
  const { db, communityId } = options;
  const rp = await loadRpSettings(db, communityId);
  let user: { id: string; passkeys: { credentialId: string; transports: unknown }[] } | null = null;
  const username = options.username === undefined ? undefined : ZUsername.safeParse(options.username);
  if (username?.success) {
    user = await db.user.findUnique({
      where: { communityId_username: { communityId, username: username.data } },
      select: { id: true, passkeys: { select: { credentialId: true, transports: true } } },
    });
  }
  const request = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: newChallenge(),
    timeout: rp.timeoutMs,
    userVerification: rp.userVerification,
    allowCredentials: user?.passkeys.map((p) => ({ id: p.credentialId, transports: p.transports as string[] })) ?? [],
  });
  await createCeremony(db, { communityId, userId: user?.id ?? null, kind: 'authentication', challenge: request.challenge, ttlMs: rp.timeoutMs, now: options.now });
  return { options: request };
}
