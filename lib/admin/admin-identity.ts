import type { TTx } from '../db';
import { AppError } from '../errors';
import { toAdminPrincipal, type TAdminPrincipal } from './principal';

/**
 * An identity a sign-in provider has proven. Today: a passkey of a User of the console community
 * (the `passkey` and `passkey-setup` providers of lib/http/admin-auth.ts). Signing in through an
 * OpenID Connect provider later (Latchkey's own) adds a variant here, e.g.
 * `{ provider: 'oidc'; issuer: string; subject: string }`, and its case in findAdminForIdentity.
 */
export type TAdminIdentity = { provider: 'passkey'; userId: string };

export type TIdentifiedAdmin = { principal: TAdminPrincipal; consoleCommunityId: string; username: string; displayName: string };

/**
 * The one mapping from a proven provider identity to an administrator; every sign-in, whatever
 * the provider, goes through it, so there is one place that decides who is an admin.
 * @throws AppError `auth.unauthenticated` (no such administrator, or its account is disabled)
 */
export async function findAdminForIdentity(options: { db: TTx; identity: TAdminIdentity }): Promise<TIdentifiedAdmin> {
  const { identity } = options;
  switch (identity.provider) {
    case 'passkey': {
      const user = await options.db.user.findFirst({
        where: { id: identity.userId, status: 'active', community: { purpose: 'console' } },
        select: { communityId: true, username: true, displayName: true, admin: { select: { id: true, userId: true, role: true, tenantId: true, communityIds: true } } },
      });
      if (!user?.admin) throw new AppError('auth.unauthenticated', { detail: `console user ${identity.userId} is not an active administrator` });
      return { principal: toAdminPrincipal(user.admin), consoleCommunityId: user.communityId, username: user.username, displayName: user.displayName };
    }
  }
}
