import type { TTx } from '../db';
import { ZEmail, ZPhoneNumber, loginKind } from './contact';
import { ZUsername } from './username';

export type TLoginUser = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  messagingConsent: boolean;
};

const SELECT = { id: true, username: true, displayName: true, email: true, emailVerified: true, phone: true, phoneVerified: true, messagingConsent: true } as const;

/**
 * The active user a login name designates in a community (002 `UserLogin`): the user with that
 * username, else the one user whose VERIFIED email (or phone) it is — an unverified address
 * designates nobody, and an address two users verified designates nobody either. `usernameType`
 * is a hint only. Returns null when nobody matches; callers answer the same either way.
 */
export async function findUserByLogin(options: { db: TTx; communityId: string; username: string }): Promise<TLoginUser | null> {
  const { db, communityId } = options;
  const username = ZUsername.safeParse(options.username);
  if (username.success) {
    const byName = await db.user.findFirst({ where: { communityId, username: username.data, status: 'active' }, select: SELECT });
    if (byName) return byName;
  }
  const kind = loginKind(options.username);
  let where;
  if (kind === 'email') where = { communityId, status: 'active', email: ZEmail.parse(options.username), emailVerified: true };
  else if (kind === 'phone') where = { communityId, status: 'active', phone: ZPhoneNumber.parse(options.username), phoneVerified: true };
  else return null;
  const matches = await db.user.findMany({ where, select: SELECT, take: 2 });
  return matches.length === 1 ? matches[0]! : null;
}
